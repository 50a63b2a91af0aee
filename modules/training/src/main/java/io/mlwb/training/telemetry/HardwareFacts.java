package io.mlwb.training.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;

/**
 * The machine a run trained on, recorded with it: CPU model and cores, memory, operating system, and the GPUs with
 * their driver and CUDA version, or why there is none.
 *
 * @param cpuModel      the CPU's name
 * @param physicalCores physical cores
 * @param logicalCores  logical processors
 * @param memoryBytes   memory in all
 * @param os            operating system and version
 * @param gpus          GPU names with their memory, e.g. {@code NVIDIA H200 (143771 MiB)}
 * @param driver        the NVIDIA driver version, or null
 * @param cuda          the CUDA version the driver supports, or null
 * @param noGpuReason   why there is no GPU, or null
 */
public record HardwareFacts(String cpuModel, int physicalCores, int logicalCores, long memoryBytes, String os,
                            List<String> gpus, String driver, String cuda, String noGpuReason) {
    private static final Logger LOG = LoggerFactory.getLogger(HardwareFacts.class);

    /** Copies the list. */
    public HardwareFacts {
        gpus = List.copyOf(gpus);
    }

    /**
     * @param gpu the GPU source
     * @return the facts of this machine (what cannot be read is left blank, never an error)
     */
    public static HardwareFacts collect(NvidiaSmi gpu) {
        String model = "unknown";
        int physical = Runtime.getRuntime().availableProcessors();
        int logical = physical;
        long mem = Runtime.getRuntime().maxMemory();
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
        List<String> names = new ArrayList<>();
        String driver = null;
        for (GpuReading r : g.gpus()) {
            names.add(r.name() + (r.memoryTotalBytes() == null ? "" : " (" + (r.memoryTotalBytes() >> 20) + " MiB)"));
            driver = r.driver();
        }
        return new HardwareFacts(model, physical, logical, mem, os, names, driver, g.cuda(), g.reason());
    }

    /** @return the facts as a map for the run's hardware JSON */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_model", cpuModel);
        m.put("physical_cores", physicalCores);
        m.put("logical_cores", logicalCores);
        m.put("memory_bytes", memoryBytes);
        m.put("os", os);
        m.put("gpus", gpus);
        m.put("nvidia_driver", driver);
        m.put("cuda", cuda);
        m.put("no_gpu_reason", noGpuReason);
        return m;
    }
}
