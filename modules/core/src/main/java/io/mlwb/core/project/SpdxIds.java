package io.mlwb.core.project;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SPDX licence list (ids of licences and exceptions), bundled as {@code spdx-ids.txt}, so mlwb.yaml's licence ids
 * can be checked offline. {@code LicenseRef-…} ids (a project's own licence text) are accepted as well.
 */
public final class SpdxIds {
    private static final Map<String, String> BY_LOWER = load();

    private SpdxIds() {
    }

    private static Map<String, String> load() {
        Map<String, String> ids = new TreeMap<>();
        try (InputStream in = SpdxIds.class.getResourceAsStream("spdx-ids.txt")) {
            if (in == null) {
                throw new IllegalStateException("spdx-ids.txt is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.put(id.toLowerCase(Locale.ROOT), id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(ids);
    }

    /**
     * @param id a licence id as written
     * @return the id as SPDX spells it, when it is one (ids compare ignoring case); a {@code LicenseRef-} id as written
     */
    public static Optional<String> canonical(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String t = id.strip();
        if (t.regionMatches(true, 0, "LicenseRef-", 0, 11) && t.length() > 11) {
            return Optional.of(t);
        }
        return Optional.ofNullable(BY_LOWER.get(t.toLowerCase(Locale.ROOT)));
    }

    /**
     * @param id a licence id
     * @return whether it is a known SPDX id or a {@code LicenseRef-} id
     */
    public static boolean known(String id) {
        return canonical(id).isPresent();
    }

    /** @return every bundled id, sorted ignoring case */
    public static List<String> all() {
        return new ArrayList<>(BY_LOWER.values());
    }

    /**
     * @param id an unknown id
     * @return the known id it probably meant ("Apache2" → "Apache-2.0"), or null
     */
    public static String suggest(String id) {
        String t = id.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, String> e : BY_LOWER.entrySet()) {
            String k = e.getKey().replaceAll("[^a-z0-9]", "");
            // twice the edit distance, one less for a prefix ("apache2" is the start of "apache20")
            int d = 2 * KeySuggestions.distance(k, t) - (k.startsWith(t) && t.length() >= 3 ? 1 : 0);
            if (d < bestDistance || d == bestDistance && best != null && e.getValue().length() < best.length()) {
                bestDistance = d;
                best = e.getValue();
            }
        }
        return bestDistance <= 6 ? best : null;
    }
}
