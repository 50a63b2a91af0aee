package io.mlwb.catalog.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlwb.catalog.Catalog;
import io.mlwb.catalog.CatalogException;
import io.mlwb.catalog.dataset.DatasetRepository;
import io.mlwb.catalog.dataset.NewDatasetVersion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileMatrixRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void matricesComeBackBitForBitAndGoWithTheirProfile() {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog.db"))) {
            DatasetRepository datasets = new DatasetRepository(catalog);
            long version = datasets.addVersion(datasets.register("d", null).id(),
                    new NewDatasetVersion("d.csv", "aa", null, null, 1, 3L, 3L)).id();
            ProfileRepository profiles = new ProfileRepository(catalog);
            long id = profiles.insert(version, "{}", false).id();
            long other = profiles.insert(version, "{}", false).id();
            double[][] square = {{1, 0.1 + 0.2, Double.NaN}, {0.1 + 0.2, 1, -0.0}, {Double.NaN, -0.0, Double.NaN}};
            ProfileMatrixRepository matrices = new ProfileMatrixRepository(catalog);

            matrices.insert(List.of(ProfileMatrix.ofSquare(id, "pearson", List.of("a", "b, \"c\"", "d"), square),
                    ProfileMatrix.ofSquare(id, "cramersV", List.of(), new double[0][0])));

            List<ProfileMatrix> back = matrices.find(id);
            assertEquals(List.of("pearson", "cramersV"), back.stream().map(ProfileMatrix::kind).toList());
            ProfileMatrix p = back.get(0);
            assertEquals(List.of("a", "b, \"c\"", "d"), p.columns());
            double[][] again = p.toSquare();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(Double.doubleToRawLongBits(square[i][j]), Double.doubleToRawLongBits(again[i][j]));
                }
            }
            assertArrayEquals(new double[0], back.get(1).upper());
            assertTrue(matrices.find(other).isEmpty(), "a profile without matrices has none");
            assertThrows(CatalogException.class, () -> matrices.insert(List.of(
                    ProfileMatrix.ofSquare(id, "pearson", List.of(), new double[0][0]))), "one matrix per kind");
            assertThrows(CatalogException.class, () -> matrices.insert(List.of(
                    ProfileMatrix.ofSquare(9999, "pearson", List.of(), new double[0][0]))), "no such profile");
            assertThrows(IllegalArgumentException.class,
                    () -> new ProfileMatrix(id, "pearson", List.of("a", "b"), new double[2]));
        }
    }
}
