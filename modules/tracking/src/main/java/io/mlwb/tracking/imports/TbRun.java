package io.mlwb.tracking.imports;

import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TensorBoard run (one directory's event files) as it is read, event by event: the scalar series by tag, the
 * plugin each tag declared, the hparams, the time range, and what was skipped. Field numbers are those of
 * tensorboard/compat/proto/{event,summary,tensor,tensor_shape}.proto and plugins/hparams/plugin_data.proto.
 */
final class TbRun {
    private static final Logger LOG = LoggerFactory.getLogger(TbRun.class);

    /** The newest {@code brain.Event:N} we understand. */
    static final int NEWEST_FILE_VERSION = 2;
    private static final String FILE_VERSION_PREFIX = "brain.Event:";

    private final Map<String, ImportedSeries.Builder> series = new LinkedHashMap<>();
    private final Map<String, String> pluginByTag = new LinkedHashMap<>();
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final List<String> artifacts = new ArrayList<>();
    private Long startMs;
    private Long endMs;
    private long points;

    void addArtifact(String file) {
        artifacts.add(file);
    }

    /**
     * Takes in one event record.
     *
     * @param record the record's bytes (an Event message)
     * @param file   the file it came from, for messages
     * @param offset its byte offset there, for messages
     * @throws UserError for a newer file format, or bytes that are not an Event
     */
    void event(byte[] record, String file, long offset) {
        try {
            decodeEvent(record, file);
        } catch (TbProto.Malformed e) {
            throw new UserError("%s is damaged at byte offset %d: the record is not a TensorBoard event (%s)."
                    .formatted(file, offset, e.getMessage()),
                    "Move the file out of the log dir and import again.", ExitCode.BAD_INPUT, e);
        }
    }

    private void decodeEvent(byte[] record, String file) {
        TbProto p = new TbProto(record);
        double wallTime = 0;
        long step = 0;
        List<TbProto> summaries = new ArrayList<>(1);
        while (p.next()) {
            switch (p.field()) {
                case 1 -> {
                    p.expect(TbProto.FIXED64);
                    wallTime = p.float64();
                }
                case 2 -> {
                    p.expect(TbProto.VARINT);
                    step = p.varint();
                }
                case 3 -> {
                    p.expect(TbProto.LEN);
                    checkFileVersion(p.string(), file);
                }
                case 5 -> {
                    p.expect(TbProto.LEN);
                    summaries.add(p.message());
                }
                default -> p.skip();
            }
        }
        long ms = (long) (wallTime * 1000.0);       // Python's int(wall_time * 1000): truncation
        startMs = startMs == null ? ms : Math.min(startMs, ms);
        endMs = endMs == null ? ms : Math.max(endMs, ms);
        for (TbProto s : summaries) {
            while (s.next()) {
                if (s.field() == 1) {
                    s.expect(TbProto.LEN);
                    value(s.message(), step, ms);
                } else {
                    s.skip();
                }
            }
        }
    }

    private static void checkFileVersion(String version, String file) {
        if (!version.startsWith(FILE_VERSION_PREFIX)) {
            LOG.debug("{}: unknown file_version '{}', read as brain.Event:2", file, version);
            return;
        }
        String n = version.substring(FILE_VERSION_PREFIX.length());
        double v;
        try {
            v = Double.parseDouble(n);
        } catch (NumberFormatException e) {
            LOG.debug("{}: unknown file_version '{}', read as brain.Event:2", file, version);
            return;
        }
        if (v > NEWEST_FILE_VERSION) {
            throw new UserError("%s is in a newer TensorBoard event format (%s); this version of mlwb reads up to %s%d."
                    .formatted(file, version, FILE_VERSION_PREFIX, NEWEST_FILE_VERSION),
                    "Update mlwb, or write the logs with an older TensorBoard/tensorboardX.");
        }
    }

    /** One Summary.Value: tag 1, simple_value 2, histo/image/audio 3-6, tensor 8, metadata 9. */
    private void value(TbProto v, long step, long ms) {
        String tag = "";
        Float simple = null;
        TbProto metadata = null;
        TbProto tensor = null;
        String other = null;
        while (v.next()) {
            switch (v.field()) {
                case 1 -> {
                    v.expect(TbProto.LEN);
                    tag = v.string();
                }
                case 2 -> {
                    v.expect(TbProto.FIXED32);
                    simple = v.float32();
                }
                case 3, 5 -> {
                    other = "histogram";
                    v.skip();
                }
                case 4 -> {
                    other = "image";
                    v.skip();
                }
                case 6 -> {
                    other = "audio";
                    v.skip();
                }
                case 8 -> {
                    v.expect(TbProto.LEN);
                    tensor = v.message();
                }
                case 9 -> {
                    v.expect(TbProto.LEN);
                    metadata = v.message();
                }
                default -> v.skip();
            }
        }
        if (metadata != null) {
            metadata(tag, metadata);
        }
        if (simple != null) {
            add(tag, step, ms, simple);             // float32 widened exactly, NaN and infinities included
        } else if (tensor != null) {
            String plugin = pluginByTag.getOrDefault(tag, "");
            Double scalar = "scalars".equals(plugin) ? TbTensor.scalar(tensor) : null;
            if (scalar != null) {
                add(tag, step, ms, scalar);
            } else {
                skip(plugin.isEmpty() ? "tensor" : plugin.equals("scalars") ? "scalars (not one number)" : plugin);
            }
        } else if (other != null) {
            skip(other);
        }
    }

    /** SummaryMetadata: plugin_data 1 = PluginData {plugin_name 1, content 2}. TF2 writes it on a tag's first event. */
    private void metadata(String tag, TbProto m) {
        String plugin = null;
        byte[] content = null;
        while (m.next()) {
            if (m.field() == 1 && m.wire() == TbProto.LEN) {
                TbProto pd = m.message();
                while (pd.next()) {
                    if (pd.field() == 1 && pd.wire() == TbProto.LEN) {
                        plugin = pd.string();
                    } else if (pd.field() == 2 && pd.wire() == TbProto.LEN) {
                        content = pd.bytes();
                    } else {
                        pd.skip();
                    }
                }
            } else {
                m.skip();
            }
        }
        if (plugin == null) {
            return;
        }
        pluginByTag.putIfAbsent(tag, plugin);       // the first metadata of a tag wins, as in TensorBoard
        if ("hparams".equals(plugin) && content != null) {
            hparams(new TbProto(content));
        }
    }

    /**
     * HParamsPluginData: session_start_info 3 = SessionStartInfo {hparams 1: map<string, google.protobuf.Value>}.
     * Value: null_value 1, number_value 2, string_value 3, bool_value 4 (struct 5 and list 6 are not params here).
     */
    private void hparams(TbProto data) {
        while (data.next()) {
            if (data.field() != 3 || data.wire() != TbProto.LEN) {
                data.skip();
                continue;
            }
            TbProto start = data.message();
            while (start.next()) {
                if (start.field() != 1 || start.wire() != TbProto.LEN) {
                    start.skip();
                    continue;
                }
                TbProto entry = start.message();
                String key = "";
                String value = null;
                while (entry.next()) {
                    if (entry.field() == 1 && entry.wire() == TbProto.LEN) {
                        key = entry.string();
                    } else if (entry.field() == 2 && entry.wire() == TbProto.LEN) {
                        value = pythonStr(entry.message());
                    } else {
                        entry.skip();
                    }
                }
                if (value != null) {
                    params.put(key, value);
                } else {
                    LOG.debug("hparam '{}' is not a string, number or bool; not imported", key);
                }
            }
        }
    }

    private static String pythonStr(TbProto value) {
        String out = null;
        while (value.next()) {
            switch (value.field()) {
                case 1 -> {
                    value.skip();
                    out = "None";
                }
                case 2 -> {
                    value.expect(TbProto.FIXED64);
                    out = TbPython.str(value.float64());
                }
                case 3 -> {
                    value.expect(TbProto.LEN);
                    out = value.string();
                }
                case 4 -> {
                    value.expect(TbProto.VARINT);
                    out = TbPython.str(value.varint() != 0);
                }
                default -> {
                    value.skip();
                    out = null;
                }
            }
        }
        return out;
    }

    private void add(String tag, long step, long ms, double value) {
        series.computeIfAbsent(tag, t -> new ImportedSeries.Builder()).add(step, ms, value);
        points++;
    }

    private void skip(String kind) {
        skipped.merge(kind, 1, Integer::sum);
    }

    /** @return what was skipped, by kind (histogram, image, audio, a plugin's name), for the log */
    Map<String, Integer> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    long points() {
        return points;
    }

    /** @return the run, finished, with the hparams as params and the event files as artifacts */
    ImportedRun toRun(String sourceId, String name, String experiment) {
        Map<String, ImportedSeries> out = new LinkedHashMap<>();
        series.forEach((tag, b) -> out.put(tag, b.build()));
        return new ImportedRun(sourceId, name, experiment, "finished", startMs, endMs, false, null,
                Collections.unmodifiableMap(new LinkedHashMap<>(params)), Map.of(),
                Collections.unmodifiableMap(out), null, List.copyOf(artifacts));
    }
}
