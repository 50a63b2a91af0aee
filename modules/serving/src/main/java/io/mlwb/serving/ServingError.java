package io.mlwb.serving;

/**
 * A request the server refuses, with the HTTP status, a stable code, a sentence for the caller and the input at fault.
 * It becomes the JSON error body {@code {"error": {"code", "message", "field"}}} and the request log's {@code error}.
 */
public final class ServingError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    /**
     * @param status  the HTTP status (400, 401, 404, 413, 429, 503...)
     * @param code    a stable code, e.g. {@code missing_field}
     * @param message what happened and what to do
     * @param field   the input at fault, or null
     */
    public ServingError(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the stable error code */
    public String code() {
        return code;
    }

    /** @return the input at fault, or null */
    public String field() {
        return field;
    }

    /**
     * @param message what is wrong with the request
     * @param field   the input at fault, or null
     * @return a 400 {@code bad_request}
     */
    static ServingError badRequest(String code, String message, String field) {
        return new ServingError(400, code, message, field);
    }
}
