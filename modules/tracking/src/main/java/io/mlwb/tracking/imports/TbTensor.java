package io.mlwb.tracking.imports;

/**
 * The one number in a TF2 scalar summary's TensorProto (tensorboard/compat/proto/tensor.proto): dtype 1, tensor_shape
 * 2, tensor_content 4 (little-endian), float_val 5, double_val 6, int_val 7, int64_val 10, bool_val 11, half_val 13,
 * uint32_val 16, uint64_val 17. As numpy's {@code make_ndarray(...).item()}: an element list left empty reads as 0.
 */
final class TbTensor {
    private static final int DT_FLOAT = 1;
    private static final int DT_DOUBLE = 2;
    private static final int DT_INT32 = 3;
    private static final int DT_UINT8 = 4;
    private static final int DT_INT16 = 5;
    private static final int DT_INT8 = 6;
    private static final int DT_INT64 = 9;
    private static final int DT_BFLOAT16 = 14;
    private static final int DT_UINT16 = 17;
    private static final int DT_HALF = 19;
    private static final int DT_UINT32 = 22;
    private static final int DT_UINT64 = 23;

    private TbTensor() {
    }

    /** @return the value of a one-element numeric tensor, or null for any other tensor */
    static Double scalar(TbProto t) {
        int dtype = 0;
        long elements = 1;
        byte[] content = null;
        Long[] first = new Long[18];                // first element of each repeated value field, raw bits
        while (t.next()) {
            int f = t.field();
            switch (f) {
                case 1 -> {
                    t.expect(TbProto.VARINT);
                    dtype = (int) t.varint();
                }
                case 2 -> {
                    t.expect(TbProto.LEN);
                    elements = elements(t.message());
                }
                case 4 -> {
                    t.expect(TbProto.LEN);
                    content = t.bytes();
                }
                case 5, 6, 7, 10, 11, 13, 16, 17 -> {
                    Long v = firstElement(t, f == 5 ? TbProto.FIXED32 : f == 6 ? TbProto.FIXED64 : TbProto.VARINT);
                    if (first[f] == null) {
                        first[f] = v;
                    }
                }
                default -> t.skip();
            }
        }
        if (elements != 1) {
            return null;
        }
        return switch (dtype) {
            case DT_FLOAT -> (double) Float.intBitsToFloat((int) raw(first[5], content, 4));
            case DT_DOUBLE -> Double.longBitsToDouble(raw(first[6], content, 8));
            case DT_HALF -> (double) half((int) raw(first[13], content, 2));
            case DT_BFLOAT16 -> (double) Float.intBitsToFloat(((int) raw(first[13], content, 2) & 0xffff) << 16);
            case DT_INT32 -> (double) (int) raw(first[7], content, 4);
            case DT_INT16 -> (double) (short) raw(first[7], content, 2);
            case DT_INT8 -> (double) (byte) raw(first[7], content, 1);
            case DT_UINT8 -> (double) (raw(first[7], content, 1) & 0xff);
            case DT_UINT16 -> (double) (raw(first[7], content, 2) & 0xffff);
            case DT_INT64 -> (double) raw(first[10], content, 8);
            case DT_UINT32 -> (double) (raw(first[16], content, 4) & 0xffffffffL);
            case DT_UINT64 -> unsigned(raw(first[17], content, 8));
            default -> null;
        };
    }

    /** TensorShapeProto: dim 2 = Dim {size 1}; no dims is a scalar. */
    private static long elements(TbProto shape) {
        long n = 1;
        while (shape.next()) {
            if (shape.field() == 2 && shape.wire() == TbProto.LEN) {
                TbProto dim = shape.message();
                long size = 0;
                while (dim.next()) {
                    if (dim.field() == 1 && dim.wire() == TbProto.VARINT) {
                        size = dim.varint();
                    } else {
                        dim.skip();
                    }
                }
                n *= size;
            } else if (shape.field() == 3 && shape.wire() == TbProto.VARINT) {
                if (shape.varint() != 0) {
                    return -1;                      // unknown rank
                }
            } else {
                shape.skip();
            }
        }
        return n;
    }

    /** A repeated field's first element, packed (proto3's default) or not; null for an empty packed run. */
    private static Long firstElement(TbProto t, int elementWire) {
        if (t.wire() == TbProto.LEN) {
            TbProto packed = t.message();
            if (!packed.hasMore()) {
                return null;
            }
            return read(packed, elementWire);
        }
        t.expect(elementWire);
        return read(t, elementWire);
    }

    private static long read(TbProto p, int wire) {
        return switch (wire) {
            case TbProto.FIXED32 -> p.fixed32() & 0xffffffffL;
            case TbProto.FIXED64 -> p.fixed64();
            default -> p.varint();
        };
    }

    /** The element from its value list, else from tensor_content, else 0. */
    private static long raw(Long listed, byte[] content, int width) {
        if (listed != null) {
            return listed;
        }
        if (content == null || content.length < width) {
            return 0;
        }
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (content[i] & 0xffL);
        }
        return v;
    }

    /** IEEE 754 binary16 to float (exact). */
    static float half(int bits) {
        int e = (bits >>> 10) & 0x1f;
        int m = bits & 0x3ff;
        float v;
        if (e == 0) {
            v = m * 0x1p-24f;
        } else if (e == 31) {
            v = m == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Float.intBitsToFloat(((e - 15 + 127) << 23) | (m << 13));
        }
        return (bits & 0x8000) != 0 ? -v : v;
    }

    private static double unsigned(long v) {
        if (v >= 0) {
            return v;
        }
        return ((v >>> 1) | (v & 1)) * 2.0;     // round to nearest, as Python's float(int)
    }
}
