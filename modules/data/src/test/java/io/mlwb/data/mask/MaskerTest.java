package io.mlwb.data.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.core.error.UserError;
import io.mlwb.data.read.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masked copies: tokens keyed and stable, bands, postcodes, years, dropped columns, other columns kept; bad input. */
class MaskerTest {
    @TempDir
    Path dir;

    @Test
    void masksEachWayAndKeepsTheRest() throws Exception {
        Path in = dir.resolve("pii.csv");
        Files.writeString(in, "id,email,age,postcode,joined,phone,note\n1,ada@example.com,34,SW1A 1AA,2024-03-05,"
                + "0123,\"a, b\"\n2,bob@example.com,17,EC1,2023-11-30,0456,x\n3,ada@example.com,71,M1 1AE,"
                + "2022-01-02,,y\n4,,24.5,,,0789,z\n");
        Path key = dir.resolve("keys/mask-key");
        Masker m = Masker.withKey(key);
        assertEquals(32, Files.size(key));
        Path out = dir.resolve("masked.csv");
        int rows = m.mask(in, ReadOptions.defaults(), Masker.parse(List.of("email", "age:age_band",
                "postcode:postcode", "joined:year", "phone:drop")), out);
        assertEquals(4, rows);
        List<String> lines = Files.readAllLines(out);
        assertEquals("id,email,age,postcode,joined,phone,note", lines.get(0));
        String[] a = lines.get(1).split(",", 7);
        String[] c = lines.get(3).split(",", 7);
        assertTrue(a[1].startsWith("tok_") && a[1].length() == 24, a[1]);
        assertEquals(a[1], c[1], "the same value gives the same token (joins still work)");
        assertFalse(Files.readString(out).contains("@example.com"), "no address is left");
        assertEquals(List.of("25-34", "SW1A", "2024", "", "\"a, b\""), List.of(a[2], a[3], a[4], a[5], a[6]));
        assertEquals("under 18", lines.get(2).split(",")[2]);
        assertEquals("65+", c[2]);
        assertEquals("4,,18-24,,,,z", lines.get(4), "missing values stay missing");
        assertNotEquals(a[1], new Masker(new byte[32]).maskedToken("ada@example.com"), "another key, another token");
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().contains("map")), "no mapping file");

        assertTrue(assertThrows(UserError.class, () -> m.mask(in, ReadOptions.defaults(),
                Masker.parse(List.of("mail")), dir.resolve("x.csv"))).getMessage().contains("no column 'mail'"));
        assertTrue(assertThrows(UserError.class, () -> m.mask(in, ReadOptions.defaults(),
                Masker.parse(List.of("email:age_band")), dir.resolve("x.csv"))).getMessage()
                .contains("age_band needs a numeric column"));
        assertTrue(assertThrows(UserError.class, () -> m.mask(in, ReadOptions.defaults(),
                Masker.parse(List.of("email")), in)).getMessage().contains("would overwrite"));
        assertTrue(assertThrows(UserError.class, () -> Masker.parse(List.of("email:hash"))).getMessage()
                .contains("not a masking method"));
    }
}
