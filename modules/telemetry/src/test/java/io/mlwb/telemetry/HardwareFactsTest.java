package io.mlwb.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hardware facts on this machine, with no GPU, and with the H200's recorded answers. */
class HardwareFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thisMachineWithTheToolOnThePath() throws IOException {
        HardwareFacts facts = HardwareFacts.collect();
        assertTrue(facts.logicalCores() >= 1 && facts.physicalCores() >= 1);
        assertTrue(facts.logicalCores() >= facts.physicalCores());
        assertTrue(facts.memoryBytes() > 100L << 20, "memory " + facts.memoryBytes());
        assertFalse(facts.cpuModel().isBlank());
        assertEquals(System.getProperty("java.version"), facts.javaVersion());
        assertEquals(System.getProperty("java.vendor"), facts.javaVendor());
        // here (no GPU) the reason is given; on a machine with one, the GPUs are listed and no reason is
        assertEquals(facts.gpus().isEmpty(), facts.noGpuReason() != null, String.valueOf(facts.noGpuReason()));
        JsonNode json = JSON.readTree(facts.toJson());
        assertEquals(facts.logicalCores(), json.get("logical_cores").asInt());
        assertTrue(json.get("gpus").isArray());
    }

    @Test
    void noGpuIsRecordedWithItsReason() throws IOException {
        HardwareFacts facts = HardwareFacts.collect(new NvidiaSmi("nvidia-smi", cmd -> {
            throw new IOException("Cannot run program \"nvidia-smi\": error=2, No such file or directory");
        }));
        assertTrue(facts.gpus().isEmpty());
        assertNull(facts.driver());
        assertNull(facts.cuda());
        assertTrue(facts.noGpuReason().startsWith("no nvidia-smi"), facts.noGpuReason());
        JsonNode json = JSON.readTree(facts.toJson());
        assertEquals(0, json.get("gpus").size());
        assertTrue(json.get("cuda").isNull());
        assertTrue(json.get("no_gpu_reason").asText().contains("No such file"));
    }

    @Test
    void theRecordedH200WithDriverAndCuda() throws IOException {
        HardwareFacts facts = HardwareFacts.collect(new NvidiaSmi("nvidia-smi", cmd -> new NvidiaSmi.Result(0,
                cmd.size() == 1 ? Fixtures.recorded("nvidia-smi-summary.txt")
                        : Fixtures.recorded("query-gpu-idle.csv").lines().limit(2).reduce("", (a, b) -> a + b + "\n"))));
        assertEquals(List.of(new HardwareFacts.Gpu(0, "NVIDIA H200", "GPU-c637b75d-bccc-0cab-3f64-9c4fb3bf5eaf",
                143771L << 20)), facts.gpus());
        assertEquals("580.159.04", facts.driver());
        assertEquals("13.0", facts.cuda());
        assertNull(facts.noGpuReason());
        JsonNode json = JSON.readTree(facts.toJson());
        assertEquals("NVIDIA H200", json.get("gpus").get(0).get("name").asText());
        assertEquals(143771L << 20, json.get("gpus").get(0).get("memory_bytes").asLong());
        assertEquals("580.159.04", json.get("nvidia_driver").asText());
        assertEquals("13.0", json.get("cuda").asText());
        assertTrue(json.get("no_gpu_reason").isNull());
    }

    @Test
    void jsonEscapesOddText() throws IOException {
        HardwareFacts facts = new HardwareFacts("CPU \"quoted\" \\ model\n", 1, 2, 3, "os", "arch", "17", "v",
                List.of(), null, null, "tool said: \"no\"\tbye");
        JsonNode json = JSON.readTree(facts.toJson());
        assertEquals("CPU \"quoted\" \\ model\n", json.get("cpu_model").asText());
        assertEquals("tool said: \"no\"\tbye", json.get("no_gpu_reason").asText());
    }
}
