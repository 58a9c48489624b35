"""ML signals: feature vectors from market data and ONNX model inference."""
