package io.mlwb.tracking.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The number formats the TensorBoard reader converts: Python's str(float) (expected strings printed by CPython). */
class TensorBoardReaderFormatsTest {

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "0x1.0000000000000p+0 1.0",
        "0x1.0624dd2f1a9fcp-10 0.001",
        "0x1.4f8b588e368f1p-17 1e-05",
        "0x1.a36e2eb1c432dp-14 0.0001",
        "0x1.1c37937e08000p+53 1e+16",
        "0x1.c6bf526340000p+49 1000000000000000.0",
        "0x1.d6f3454000000p+26 123456789.0",
        "0x1.1eb2d66005835p+997 1.5e+300",
        "0x1.ac9a7b3b7302fp-996 2.5e-300",
        "-0x0.0p+0 -0.0",
        "0x1.0000000000000p+5 32.0",
        "0x1.3333333333334p-2 0.30000000000000004",
        "0x1.0000000000000p+53 9007199254740992.0",
        "0x1.5555555555555p-2 0.3333333333333333",
        "0x0.0000000000001p-1022 5e-324",
        "0x1.fffffffffffffp+1023 1.7976931348623157e+308",
        "0x1.3333333333333p-2 0.3",
        "-0x1.9000000000000p+6 -100.0",
        "0x1.18b54f22aeb03p+50 1234567890123456.8",
        "0x1.5ee2a2eb5a5c4p+53 1.2345678901234568e+16",
    })
    void printsFloatsAsPythonsStr(String hex, String python) {
        assertEquals(python, TbPython.str(Double.parseDouble(hex)));
    }

    @ParameterizedTest
    @CsvSource({"NaN, nan", "Infinity, inf", "-Infinity, -inf"})
    void printsNonFiniteAsPython(double value, String python) {
        assertEquals(python, TbPython.str(value));
    }

    @ParameterizedTest
    @CsvSource({"0x3c00, 1.0", "0x7bff, 65504.0", "0x0001, 5.9604645E-8", "0x8000, -0.0", "0x7c00, Infinity",
        "0xfc00, -Infinity", "0x3555, 0.33325195", "0x0400, 6.1035156E-5"})
    void decodesHalfFloats(String bits, float expected) {
        assertEquals(expected, TbTensor.half(Integer.decode(bits)));
    }
}
