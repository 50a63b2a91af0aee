package io.mlwb.app.ui;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Every visible string comes from a bundle. Each feature package keeps its own {@code messages.properties}
 * (so features do not edit one shared file); this class merges them into one bundle, keys prefixed by feature
 * ({@code git.commit}, {@code jobs.cancel}). FXML uses {@code %key}. A key defined twice fails fast.
 */
public final class Messages {
    /** The bundles merged, by base name. A new feature package adds its own here. */
    static final List<String> BUNDLES = List.of(
            "io.mlwb.app.messages",
            "io.mlwb.app.git.messages",
            "io.mlwb.app.project.messages",
            "io.mlwb.app.jobs.messages",
            "io.mlwb.app.dataset.messages",
            "io.mlwb.app.audit.messages",
            "io.mlwb.app.tracking.messages",
            "io.mlwb.app.lineage.messages",
            "io.mlwb.app.registry.messages",
            "io.mlwb.app.drift.messages",
            "io.mlwb.app.modelcard.messages",
            "io.mlwb.app.review.messages",
            "io.mlwb.app.deploy.messages");

    private static volatile ResourceBundle merged;

    private Messages() {
    }

    /** @return the merged bundle, for FXML loaders */
    public static ResourceBundle bundle() {
        ResourceBundle b = merged;
        if (b == null) {
            b = merge(Locale.getDefault());
            merged = b;
        }
        return b;
    }

    /** @return the text for {@code key}; a missing key throws (a test checks every used key exists) */
    public static String get(String key) {
        return bundle().getString(key);
    }

    /** @return the text for {@code key} with {@link MessageFormat} arguments filled in */
    public static String format(String key, Object... args) {
        return new MessageFormat(get(key), Locale.getDefault()).format(args);
    }

    static ResourceBundle merge(Locale locale) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String base : BUNDLES) {
            ResourceBundle rb;
            try {
                rb = ResourceBundle.getBundle(base, locale);
            } catch (java.util.MissingResourceException e) {
                continue; // a feature without strings yet
            }
            for (String key : Collections.list(rb.getKeys())) {
                if (all.put(key, rb.getObject(key)) != null) {
                    throw new IllegalStateException("Message key '" + key + "' is defined twice (" + base + ")");
                }
            }
        }
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                return all.get(key);
            }

            @Override
            public Enumeration<String> getKeys() {
                return Collections.enumeration(all.keySet());
            }
        };
    }
}
