package io.mlwb.core.project;

import java.util.List;
import java.util.Locale;

/**
 * The project's licence policy, {@code licences:} in mlwb.yaml: SPDX licence ids that are allowed, that need a
 * person's review, and that are denied. An id on none of the lists is unknown to the policy. Ids compare ignoring case
 * (SPDX ids are case-insensitive).
 *
 * @param allowed ids that pass
 * @param review  ids that need review before release
 * @param denied  ids that must not ship
 */
public record LicencePolicy(List<String> allowed, List<String> review, List<String> denied) {

    /** What the policy says of one licence. */
    public enum Verdict {
        /** On the allowed list. */
        ALLOWED,
        /** On the review list. */
        REVIEW,
        /** On the denied list. */
        DENIED,
        /** No licence declared, or on no list. */
        UNKNOWN;

        /** @return the value as JSON and the card write it, e.g. {@code "review"} */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Copies the lists; null lists become empty. */
    public LicencePolicy {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        review = review == null ? List.of() : List.copyOf(review);
        denied = denied == null ? List.of() : List.copyOf(denied);
    }

    /** @return the policy when mlwb.yaml has no {@code licences:} section: every licence is unknown */
    public static LicencePolicy none() {
        return new LicencePolicy(List.of(), List.of(), List.of());
    }

    /** @return whether the file declares no policy at all */
    public boolean isEmpty() {
        return allowed.isEmpty() && review.isEmpty() && denied.isEmpty();
    }

    /**
     * @param spdxId a licence id, or null when none is declared
     * @return the verdict: denied beats review beats allowed when an id is on several lists
     */
    public Verdict verdict(String spdxId) {
        if (spdxId == null || spdxId.isBlank()) {
            return Verdict.UNKNOWN;
        }
        if (contains(denied, spdxId)) {
            return Verdict.DENIED;
        }
        if (contains(review, spdxId)) {
            return Verdict.REVIEW;
        }
        return contains(allowed, spdxId) ? Verdict.ALLOWED : Verdict.UNKNOWN;
    }

    private static boolean contains(List<String> ids, String id) {
        return ids.stream().anyMatch(x -> x.equalsIgnoreCase(id.strip()));
    }
}
