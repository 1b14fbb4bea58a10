"""Run-time hook of the RiskDesk bundle (PyInstaller runs it before main.py): keep matplotlib's font cache.

PyInstaller's own matplotlib hook (pyi_rth_mplconfig, which riskdesk.spec leaves out) points MPLCONFIGDIR at a
new temporary folder on every start — right for one-file builds, whose paths change each run — so matplotlib
would rebuild its font list, a scan of every installed font (seconds on a Windows desktop), each time a chart
or report is drawn. In the one-folder bundle the cache lives in the user's cache folder instead
(~/.cache/RiskDesk/matplotlib, %LOCALAPPDATA%\\RiskDesk\\Cache\\matplotlib); matplotlib rebuilds it by itself
if the bundle has moved and a font it lists is gone. A MPLCONFIGDIR set by the user is respected.
"""
import os


def _persistent_matplotlib_cache() -> None:
    if os.environ.get("MPLCONFIGDIR"):
        return
    import platformdirs

    folder = platformdirs.user_cache_path("RiskDesk", appauthor=False) / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # not writable: matplotlib falls back to a temporary folder by itself
    os.environ["MPLCONFIGDIR"] = str(folder)


_persistent_matplotlib_cache()
del _persistent_matplotlib_cache
