package io.mlwb.core.project;

import java.util.Collection;
import java.util.Locale;

/** Finds the known key a misspelt one was probably meant to be. */
public final class KeySuggestions {
    /** Largest edit distance still offered as "did you mean". */
    static final int MAX_DISTANCE = 2;

    private KeySuggestions() {
    }

    /**
     * Suggests the key that {@code key} was probably meant to be.
     *
     * @param key   the unknown key as written
     * @param known the keys allowed at that place
     * @return the known key for {@code camelCase} or {@code kebab-case} spellings of it, else the nearest
     *         known key within {@link #MAX_DISTANCE} edits (first in {@code known} order on ties), else null
     */
    public static String closest(String key, Collection<String> known) {
        String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toLowerCase(Locale.ROOT);
        if (known.contains(snake)) {
            return snake;
        }
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : known) {
            int d = distance(key.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
