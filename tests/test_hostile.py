"""The bad-input zoo: hostile folders, broken caches and pathological texts never crash a scan, leak a
file, execute anything or hang. Each case asserts what the user sees and that the opened folder is unchanged."""
