"""Code suggestions: encoders, features, the hybrid engine, calibration, consensus labels, evaluation."""
