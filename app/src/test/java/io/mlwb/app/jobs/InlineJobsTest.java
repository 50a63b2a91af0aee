package io.mlwb.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import io.mlwb.core.job.Cancelled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The test runner reports a failed job as FxJobs does: once, with the job's title; a cancel never. */
class InlineJobsTest {
    private final RecordingErrors errors = new RecordingErrors();
    private final InlineJobs jobs = new InlineJobs(errors);

    @Test
    void aFailedJobIsReportedOnceWithItsTitleThenGoesToOnFailure() {
        UserError cause = new UserError("train.csv is gone.", "Choose another file.");
        IllegalStateException wrapped = new IllegalStateException("job failed", cause);
        List<String> order = new ArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();

        JobHandle handle = jobs.run("Profiling train.csv", p -> {
            throw wrapped;
        }, r -> order.add("success"), e -> {
            order.add("failure after " + errors.errors.size() + " report");
            failed.set(e);
        });

        assertTrue(handle.done());
        assertSame(wrapped, failed.get());
        assertEquals(List.of("failure after 1 report"), order, "reported before onFailure runs");
        assertEquals(List.of(new RecordingErrors.Reported("Profiling train.csv", wrapped)), errors.errors);
        assertEquals(List.of(new InlineJobs.Reported("Profiling train.csv", wrapped)), jobs.reported());
        assertEquals(List.of("Profiling train.csv"), jobs.titles());
    }

    @Test
    void aCancelledJobIsNeverReported() {
        AtomicReference<Throwable> first = new AtomicReference<>();
        jobs.cancelNext();
        jobs.run("Cancelled before it starts", p -> 1, r -> { }, first::set);
        AtomicReference<Throwable> second = new AtomicReference<>();
        jobs.run("Cancelled inside a wrapper", p -> {
            throw new IllegalStateException("wrapped", new Cancelled());
        }, r -> { }, second::set);

        assertInstanceOf(Cancelled.class, first.get());
        assertInstanceOf(Cancelled.class, second.get(), "a Cancelled anywhere in the chain is a cancel");
        assertTrue(errors.errors.isEmpty());
        assertTrue(jobs.reported().isEmpty());
    }

    @Test
    void aCallbackThatThrowsIsReportedAsTheJobsBugAndNotPassedToOnFailure() {
        IllegalArgumentException bug = new IllegalArgumentException("view model bug");
        List<Throwable> failures = new ArrayList<>();
        jobs.run("Listing src", p -> "ok", r -> {
            throw bug;
        }, failures::add);

        assertTrue(failures.isEmpty(), "the job succeeded; its callback failed");
        assertEquals(List.of(new RecordingErrors.Reported("Listing src", bug)), errors.errors);
    }

    @Test
    void theNoArgumentRunnerStillRecordsWhatItReported() {
        InlineJobs quiet = new InlineJobs();
        IllegalStateException boom = new IllegalStateException("boom");
        quiet.run("Exploding", p -> {
            throw boom;
        }, r -> { }, e -> { });
        assertEquals(List.of(new InlineJobs.Reported("Exploding", boom)), quiet.reported());
    }
}
