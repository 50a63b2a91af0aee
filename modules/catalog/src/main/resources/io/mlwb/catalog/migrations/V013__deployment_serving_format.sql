-- What a deployment's container serves (issue 14, serving formats): the registered model.zip through DJL/PyTorch
-- ('djl', every deployment before this migration), or the version's ONNX export in ONNX Runtime, float32 ('onnx') or
-- with int8 dense layers ('onnx-int8'); the file the image carries, relative to the project root, and its SHA-256,
-- so the record names the exact bytes served. A smoke test records the format it served too.
ALTER TABLE deployment ADD COLUMN serving_format TEXT NOT NULL DEFAULT 'djl'
    CHECK (serving_format IN ('djl', 'onnx', 'onnx-int8'));
ALTER TABLE deployment ADD COLUMN serving_artifact TEXT;
ALTER TABLE deployment ADD COLUMN serving_artifact_sha256 TEXT;
ALTER TABLE deployment_smoke_test ADD COLUMN serving_format TEXT NOT NULL DEFAULT 'djl'
    CHECK (serving_format IN ('djl', 'onnx', 'onnx-int8'));
