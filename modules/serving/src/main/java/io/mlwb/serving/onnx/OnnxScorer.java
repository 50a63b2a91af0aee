package io.mlwb.serving.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An ONNX model written by {@link OnnxExport}, loaded in ONNX Runtime: preprocessed feature rows in, the model's
 * output out. Not thread-safe for {@link #close()}; {@link #run} may be called from several threads (ONNX Runtime
 * sessions are).
 */
public final class OnnxScorer implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String output;
    private final int width;
    private final int outputs;
    private final Map<String, String> metadata;

    private OnnxScorer(OrtEnvironment env, OrtSession session, String output, int width, int outputs,
                       Map<String, String> metadata) {
        this.env = env;
        this.session = session;
        this.output = output;
        this.width = width;
        this.outputs = outputs;
        this.metadata = metadata;
    }

    /**
     * @param model          the ONNX model's bytes
     * @param intraOpThreads ONNX Runtime's threads per run (1 for a server replica or a latency figure; 0 = its default)
     * @return the scorer
     * @throws UserError when ONNX Runtime cannot load the model
     */
    public static OnnxScorer load(byte[] model, int intraOpThreads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            if (intraOpThreads > 0) {
                o.setIntraOpNumThreads(intraOpThreads);
                o.setInterOpNumThreads(1);
            }
            OrtSession s = env.createSession(model, o);
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            String out = s.getOutputNames().iterator().next();
            long[] in = ((ai.onnxruntime.TensorInfo) s.getInputInfo().get(OnnxExport.INPUT).getInfo()).getShape();
            long[] shapeOut = ((ai.onnxruntime.TensorInfo) s.getOutputInfo().get(out).getInfo()).getShape();
            return new OnnxScorer(env, s, out, (int) in[1], (int) shapeOut[1], meta);
        } catch (OrtException | RuntimeException e) {
            throw new UserError("ONNX Runtime cannot load the model: " + e.getMessage(),
                    "Export it again with `mlwb models export`; report it if that fails too.", ExitCode.INTERNAL, e);
        }
    }

    /** @return the width of a feature row */
    public int width() {
        return width;
    }

    /** @return values per row in the output (1, or the number of classes) */
    public int outputs() {
        return outputs;
    }

    /** @return the model's {@code mlwb.*} metadata (preprocessing, classes, threshold…) */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * @param x    {@code rows × width()} preprocessed features, row-major
     * @param rows the number of rows
     * @return {@code rows × outputs()} values, row-major
     */
    public float[] run(float[] x, int rows) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x, 0, rows * width),
                new long[] {rows, width}); OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, t))) {
            FloatBuffer out = ((OnnxTensor) r.get(output).orElseThrow()).getFloatBuffer();
            float[] v = new float[out.remaining()];
            out.get(v);
            return v;
        } catch (OrtException e) {
            throw new UserError("ONNX Runtime failed to score: " + e.getMessage(), "Report this with the model file.",
                    ExitCode.INTERNAL, e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session", e);
        }
    }
}
