package io.mlwb.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

/**
 * The machine a run trained on, recorded with it: CPU model and cores, memory, operating system, Java, and the
 * NVIDIA GPUs with their driver and CUDA version, or why there is none (a normal state, never an error).
 *
 * @param cpuModel      the CPU's name, or {@code unknown}
 * @param physicalCores physical cores
 * @param logicalCores  logical processors
 * @param memoryBytes   the machine's memory in all
 * @param os            operating system and version, e.g. {@code GNU/Linux Debian GNU/Linux 12 (bookworm) build ...}
 * @param arch          the processor architecture Java reports, e.g. {@code amd64}
 * @param javaVersion   the Java runtime's version
 * @param javaVendor    the Java runtime's vendor
 * @param gpus          the GPUs, empty when there is none
 * @param driver        the NVIDIA driver version, or null
 * @param cuda          the CUDA version the driver supports, or null
 * @param noGpuReason   why there is no GPU, or null when there are GPUs
 */
public record HardwareFacts(String cpuModel, int physicalCores, int logicalCores, long memoryBytes, String os,
                            String arch, String javaVersion, String javaVendor, List<Gpu> gpus, String driver,
                            String cuda, String noGpuReason) {
    private static final Logger LOG = LoggerFactory.getLogger(HardwareFacts.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Copies the list. */
    public HardwareFacts {
        gpus = List.copyOf(gpus);
    }

    /**
     * One GPU as recorded with a run.
     *
     * @param index       its index as {@code nvidia-smi} numbers it
     * @param name        its model, e.g. {@code NVIDIA H200}, or null
     * @param uuid        its UUID, or null
     * @param memoryBytes its memory, or null when not reported
     */
    public record Gpu(int index, String name, String uuid, Long memoryBytes) {
    }

    /**
     * The facts of this machine with the {@code nvidia-smi} on the PATH.
     *
     * @return the facts (what cannot be read is left unknown, never an error)
     */
    public static HardwareFacts collect() {
        return collect(new NvidiaSmi());
    }

    /**
     * @param gpu the GPU tool (two calls when there is a GPU, one when there is none)
     * @return the facts of this machine (what cannot be read is left unknown, never an error)
     */
    public static HardwareFacts collect(NvidiaSmi gpu) {
        String model = "unknown";
        int logical = Runtime.getRuntime().availableProcessors();
        int physical = logical;
        long mem = physicalMemoryFromJava();
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            SystemInfo si = new SystemInfo();
            CentralProcessor cpu = si.getHardware().getProcessor();
            model = cpu.getProcessorIdentifier().getName().strip();
            physical = cpu.getPhysicalProcessorCount();
            logical = cpu.getLogicalProcessorCount();
            mem = si.getHardware().getMemory().getTotal();
            os = si.getOperatingSystem().toString();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Hardware facts from the operating system are not available: {}", e.toString());
        }
        GpuStatus g = gpu.describe();
        List<Gpu> gpus = new ArrayList<>();
        String driver = null;
        for (GpuReading r : g.gpus()) {
            gpus.add(new Gpu(r.index() != null ? r.index() : gpus.size(), r.name(), r.uuid(), r.memoryTotalBytes()));
            driver = driver != null ? driver : r.driver();
        }
        return new HardwareFacts(model, physical, logical, mem, os, System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vendor"), gpus, driver, g.cuda(),
                g.present() ? null : g.reason());
    }

    private static long physicalMemoryFromJava() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return 0;
    }

    /**
     * The facts as a map for the run's hardware JSON: {@code cpu_model}, {@code physical_cores},
     * {@code logical_cores}, {@code memory_bytes}, {@code os}, {@code arch}, {@code java_version},
     * {@code java_vendor}, {@code gpus} (a list of {@code index}, {@code name}, {@code uuid}, {@code memory_bytes}),
     * {@code nvidia_driver}, {@code cuda}, {@code no_gpu_reason}; unknown values are null.
     *
     * @return a new mutable map, in that order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_model", cpuModel);
        m.put("physical_cores", physicalCores);
        m.put("logical_cores", logicalCores);
        m.put("memory_bytes", memoryBytes);
        m.put("os", os);
        m.put("arch", arch);
        m.put("java_version", javaVersion);
        m.put("java_vendor", javaVendor);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Gpu g : gpus) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("index", g.index());
            one.put("name", g.name());
            one.put("uuid", g.uuid());
            one.put("memory_bytes", g.memoryBytes());
            list.add(one);
        }
        m.put("gpus", list);
        m.put("nvidia_driver", driver);
        m.put("cuda", cuda);
        m.put("no_gpu_reason", noGpuReason);
        return m;
    }

    /** @return {@link #toMap()} as one line of JSON */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hardware facts are plain values and always serialize", e);
        }
    }
}
