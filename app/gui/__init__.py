"""The desktop app: draws what app.core computes."""
