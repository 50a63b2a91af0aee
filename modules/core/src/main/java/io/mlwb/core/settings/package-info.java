/**
 * Application settings (STYLE.md rules 15 and 16): one JSON file of small per-feature records, read field by
 * field so one bad value never stops the app, written atomically with a backup, and saved shortly after the
 * last change by {@link io.mlwb.core.settings.SettingsService}.
 */
package io.mlwb.core.settings;
