package io.mlwb.data.read;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.audit.AuditLog;
import io.mlwb.core.project.DatasetConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The audit of reads of personal data: reading a dataset that mlwb.yaml marks {@code personal_data: true} is itself an
 * audit entry, {@code data.read_personal}, naming the dataset and version read, who read it and for what. One entry
 * per read of a file (never per row). Profiling, training and drift call it where they read a declared dataset.
 */
public final class PersonalDataReads {
    /** The audit action. */
    public static final String ACTION = "data.read_personal";

    private final Catalog catalog;

    /** @param catalog the project's catalog */
    public PersonalDataReads(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Records one read when the dataset holds personal data; does nothing otherwise.
     *
     * @param dataset the dataset's declaration, or null when the file is no declared dataset (nothing recorded)
     * @param version which version was read: a catalog version ({@code NAME@N}), a revision, or the file's SHA-256
     * @param purpose what the read is for: {@code profile}, {@code train}, {@code drift}... (the command), with detail
     * @param actor   who reads (git identity or operating-system user)
     * @return whether an entry was written
     */
    public boolean record(DatasetConfig dataset, String version, String purpose, String actor) {
        if (dataset == null || !dataset.personalData()) {
            return false;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dataset", dataset.name());
        d.put("path", dataset.path());
        d.put("version", version);
        d.put("purpose", purpose);
        if (dataset.subjectColumn() != null) {
            d.put("subject_id_column", dataset.subjectColumn());
        }
        new AuditLog(catalog).append(actor == null ? "unknown" : actor, ACTION, "dataset", dataset.name(), d);
        return true;
    }
}
