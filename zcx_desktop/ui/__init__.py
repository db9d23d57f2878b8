"""The Qt layer of ZCX Desktop: main window, reader, dialogs and background ops (no logic)."""
