package io.mlwb.serving.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.mlwb.core.error.ExitCode;
import io.mlwb.core.error.UserError;
import io.mlwb.training.engine.Layer;
import io.mlwb.training.engine.SavedModel;
import io.mlwb.training.spec.TrainingSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;

/**
 * Writes a saved model's network as an ONNX model (the official protobuf schema, opset {@value #OPSET}), in float32
 * or with its dense layers dynamically quantized to int8.
 *
 * <p>The graph takes the <em>preprocessed</em> feature vector, {@code features: float32[batch, width]}, the output of
 * the model's fitted {@link io.mlwb.training.engine.Preprocessor} (shipped alongside in {@code model.zip} and, as JSON,
 * in the ONNX file's metadata under {@code mlwb.preprocessing}); see decision 0009 for why. Its one output is
 * {@code probability: float32[batch, 1]} (P(positive class)) for a binary classifier, {@code probabilities:
 * float32[batch, classes]} for a multi-class one, or {@code value: float32[batch, 1]} for a regression.
 *
 * <p>Dense layers are {@code Gemm} (float) or, for {@link Precision#INT8}, the dynamic quantization ONNX Runtime's
 * own quantizer writes: the activations quantized per batch to uint8 ({@code DynamicQuantizeLinear}), the weights
 * stored as int8 with one symmetric scale per output channel (zero point 0), an integer {@code MatMulInteger}, then
 * rescaled to float and biased. Batch norm is folded into a per-channel {@code Mul} and {@code Add}; dropout is the
 * identity and left out; GELU is the exact erf form PyTorch uses.
 */
public final class OnnxExport {
    /** The operator set the graphs use (supported by ONNX Runtime 1.13 and later). */
    public static final int OPSET = 17;
    /** ONNX IR version of opset 17. */
    static final int IR_VERSION = 8;
    /** The graph's input. */
    public static final String INPUT = "features";

    /** How the dense layers' weights are stored. */
    public enum Precision {
        /** float32 weights, {@code Gemm}. */
        FLOAT32,
        /** int8 weights (per output channel), uint8 activations quantized per batch, {@code MatMulInteger}. */
        INT8
    }

    private OnnxExport() {
    }

    /**
     * @param model    the loaded model
     * @param precision float32 or int8
     * @param producer the mlwb version written as the producer
     * @return the ONNX model's bytes
     * @throws UserError when the model has a layer ONNX export does not cover
     */
    public static byte[] write(SavedModel model, Precision precision, String producer) {
        return build(model, precision, producer).toByteArray();
    }

    /** @return the output's name for this model */
    public static String outputName(SavedModel model) {
        if (model.task() == TrainingSpec.Task.REGRESSION) {
            return "value";
        }
        return model.classes().isEmpty() ? "probability" : "probabilities";
    }

    static ModelProto build(SavedModel model, Precision precision, String producer) {
        List<Layer> layers = model.layers();
        int width = model.preprocessor().width();
        GraphProto.Builder g = GraphProto.newBuilder().setName("mlwb_" + model.target());
        g.addInput(floatInput(INPUT, width));
        String x = INPUT;
        int n = 0;
        int outputs = width;
        for (Layer layer : layers) {
            n++;
            String p = "l" + n + "_";
            if (layer instanceof Layer.Dense d) {
                if (d.inputs() != outputs) {
                    throw new IllegalStateException("layer " + n + " takes " + d.inputs() + " inputs, not " + outputs);
                }
                x = precision == Precision.INT8 ? denseInt8(g, p, x, d) : denseFloat(g, p, x, d);
                outputs = d.outputs();
            } else if (layer instanceof Layer.BatchNorm b) {
                int c = b.gamma().length;
                float[] scale = new float[c];
                float[] shift = new float[c];
                for (int i = 0; i < c; i++) {
                    scale[i] = (float) (b.gamma()[i] / Math.sqrt((double) b.var()[i] + b.epsilon()));
                    shift[i] = (float) (b.beta()[i] - (double) b.mean()[i] * scale[i]);
                }
                g.addInitializer(floats(p + "bn_scale", scale, c));
                g.addInitializer(floats(p + "bn_shift", shift, c));
                x = node(g, "Mul", p + "bn_scaled", x, p + "bn_scale");
                x = node(g, "Add", p + "bn", x, p + "bn_shift");
            } else if (layer instanceof Layer.Activation a) {
                x = activation(g, p, x, a.kind());
            }
        }
        String out = outputName(model);
        int k = model.classes().isEmpty() ? 1 : model.classes().size();
        if (outputs != k) {
            throw new IllegalStateException("the network has " + outputs + " outputs, not " + k);
        }
        if (model.task() == TrainingSpec.Task.REGRESSION) {
            g.addInitializer(floats("label_scale", new float[] {model.labelScale()}));
            g.addInitializer(floats("label_mean", new float[] {model.labelMean()}));
            x = node(g, "Mul", "value_scaled", x, "label_scale");
            node(g, "Add", out, x, "label_mean");
        } else if (k == 1) {
            node(g, "Sigmoid", out, x);
        } else {
            g.addNode(NodeProto.newBuilder().setOpType("Softmax").setName(out).addInput(x).addOutput(out)
                    .addAttribute(intAttr("axis", -1)));
        }
        g.addOutput(floatInput(out, k));
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("mlwb")
                .setProducerVersion(producer)
                .setDomain("io.mlwb")
                .setModelVersion(1)
                .setDocString("mlwb " + model.task().name().toLowerCase(Locale.ROOT) + " model of '" + model.target()
                        + "' (" + precision.name().toLowerCase(Locale.ROOT) + "). Input: the preprocessed feature "
                        + "vector (see metadata mlwb.preprocessing and mlwb.input_names).")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g);
        meta(m, "mlwb.precision", precision.name().toLowerCase(Locale.ROOT));
        meta(m, "mlwb.task", model.task().name().toLowerCase(Locale.ROOT));
        meta(m, "mlwb.target", model.target());
        meta(m, "mlwb.output", out);
        meta(m, "mlwb.input_names", String.join(",", model.preprocessor().outputNames()));
        meta(m, "mlwb.preprocessing", model.preprocessingJson());
        if (model.positive() != null) {
            meta(m, "mlwb.positive_class", model.positive());
            meta(m, "mlwb.negative_class", model.negative());
            meta(m, "mlwb.threshold", Double.toString(model.threshold()));
        }
        if (!model.classes().isEmpty()) {
            meta(m, "mlwb.classes", String.join(",", model.classes()));
        }
        return m.build();
    }

    private static String denseFloat(GraphProto.Builder g, String p, String x, Layer.Dense d) {
        g.addInitializer(floats(p + "weight", d.weight(), d.outputs(), d.inputs()));
        g.addInitializer(floats(p + "bias", d.bias(), d.outputs()));
        String out = p + "dense";
        g.addNode(NodeProto.newBuilder().setOpType("Gemm").setName(out).addInput(x).addInput(p + "weight")
                .addInput(p + "bias").addOutput(out).addAttribute(intAttr("transB", 1)));
        return out;
    }

    private static String denseInt8(GraphProto.Builder g, String p, String x, Layer.Dense d) {
        int in = d.inputs();
        int outs = d.outputs();
        float[] scale = new float[outs];
        byte[] q = new byte[in * outs]; // [in, out]: MatMul's layout
        for (int o = 0; o < outs; o++) {
            float max = 0;
            for (int i = 0; i < in; i++) {
                max = Math.max(max, Math.abs(d.weight()[o * in + i]));
            }
            scale[o] = max > 0 ? max / 127f : 1f;
            for (int i = 0; i < in; i++) {
                long v = Math.round(d.weight()[o * in + i] / scale[o]);
                q[i * outs + o] = (byte) Math.max(-127, Math.min(127, v));
            }
        }
        g.addInitializer(TensorProto.newBuilder().setName(p + "weight_q").setDataType(TensorProto.DataType.INT8_VALUE)
                .addDims(in).addDims(outs).setRawData(ByteString.copyFrom(q)));
        g.addInitializer(TensorProto.newBuilder().setName(p + "weight_zero").setDataType(TensorProto.DataType.INT8_VALUE)
                .setRawData(ByteString.copyFrom(new byte[1])));
        g.addInitializer(floats(p + "weight_scale", scale, outs));
        g.addInitializer(floats(p + "bias", d.bias(), outs));
        g.addNode(NodeProto.newBuilder().setOpType("DynamicQuantizeLinear").setName(p + "quantize").addInput(x)
                .addOutput(p + "x_q").addOutput(p + "x_scale").addOutput(p + "x_zero"));
        g.addNode(NodeProto.newBuilder().setOpType("MatMulInteger").setName(p + "matmul").addInput(p + "x_q")
                .addInput(p + "weight_q").addInput(p + "x_zero").addInput(p + "weight_zero").addOutput(p + "acc"));
        g.addNode(NodeProto.newBuilder().setOpType("Cast").setName(p + "to_float").addInput(p + "acc")
                .addOutput(p + "acc_f").addAttribute(intAttr("to", TensorProto.DataType.FLOAT_VALUE)));
        String s = node(g, "Mul", p + "scale", p + "x_scale", p + "weight_scale");
        String y = node(g, "Mul", p + "rescaled", p + "acc_f", s);
        return node(g, "Add", p + "dense", y, p + "bias");
    }

    private static String activation(GraphProto.Builder g, String p, String x, String kind) {
        return switch (kind) {
            case "relu" -> node(g, "Relu", p + "relu", x);
            case "tanh" -> node(g, "Tanh", p + "tanh", x);
            case "gelu" -> {
                // 0.5 · x · (1 + erf(x / √2)), PyTorch's exact GELU
                g.addInitializer(floats(p + "sqrt2", new float[] {(float) Math.sqrt(2)}));
                g.addInitializer(floats(p + "one", new float[] {1f}));
                g.addInitializer(floats(p + "half", new float[] {0.5f}));
                String t = node(g, "Div", p + "gelu_div", x, p + "sqrt2");
                t = node(g, "Erf", p + "gelu_erf", t);
                t = node(g, "Add", p + "gelu_add", t, p + "one");
                t = node(g, "Mul", p + "gelu_mul", x, t);
                yield node(g, "Mul", p + "gelu", t, p + "half");
            }
            default -> throw new UserError("The activation '" + kind + "' has no ONNX export.",
                    "Export a model with relu, gelu or tanh.", ExitCode.BAD_INPUT, null);
        };
    }

    private static String node(GraphProto.Builder g, String op, String out, String... inputs) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
        for (String i : inputs) {
            b.addInput(i);
        }
        g.addNode(b);
        return out;
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        buf.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(buf));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ValueInfoProto floatInput(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static void meta(ModelProto.Builder m, String key, String value) {
        m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value == null ? "" : value));
    }
}
