"""Build the offline copy: dist/xieshang-huankuan-zhinan-<version>-<YYYYMMDD>.zip (`make offline`).

The zip holds one folder with the whole site (guide, search, calculators, Pyodide), a SHA256SUMS
file (sha256sum format, every file), README.txt (Chinese and English) and launchers that serve the
folder on 127.0.0.1 and open the browser (start-windows.bat, start.sh, both running serve.py).

The site in the zip is a second build of mkdocs.yml with Material's `offline` plugin added, so it
also works opened straight from disk (file://) for reading and search:
- the offline plugin turns off directory URLs (links point at `.html` files) and inlines the search
  index into `search/search_index.js`;
- its Web Worker shim for file:// is served from the copy itself (build_scripts/vendor/iframe-worker,
  adapted so the site's Content-Security-Policy needs no inline script), never from unpkg.
Every hook of mkdocs.yml runs on this build too: the CSP on every page, the no-external-request
check, Pyodide's checksums, the calculators zip, content-hashed names, the service worker.
Calculators need http(s) (module workers and fetch are blocked on file://): their pages say so.

This file is also loaded as an MkDocs hook by that second build only (it copies the shim).

    python build_scripts/make_offline_zip.py [--dist DIR] [--build-dir DIR]
"""

import argparse
import datetime
import hashlib
import json
import os
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "xieshang-huankuan-zhinan"
SHIM_SOURCE = ROOT / "build_scripts" / "vendor" / "iframe-worker"
SHIM_TARGET = "assets/javascripts/iframe-worker"
SHIM_FILES = ("shim.js", "runtime.js", "LICENSE")
PORT = 8765
LIMIT = 10 * 1024 * 1024
FIXED_FILES = ("README.txt", "serve.py", "start.sh", "start-windows.bat")


# --- the hook part (second build only) -----------------------------------------------------------

def on_post_build(config, **kwargs):
    target = Path(config["site_dir"]) / SHIM_TARGET
    target.mkdir(parents=True, exist_ok=True)
    for name in SHIM_FILES:
        shutil.copyfile(SHIM_SOURCE / name, target / name)


# --- the build ----------------------------------------------------------------------------------

def version():
    return json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["version"]


def build_date():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now()
    return when.strftime("%Y%m%d")


def build_offline_site(site_dir):
    """mkdocs.yml + the offline plugin + the vendored shim, built strictly into site_dir."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # No build-time memory snapshot in the copy (6.3 MB: the zip would be 14 MB, over its limit); its
    # calculator pages start Python the normal way, then from the browser's own snapshot.
    os.environ["XSHK_NO_SNAPSHOT"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        raw = yaml_load(file)
    plugins = list(raw.get("plugins") or []) + ["offline"]
    hooks = list(raw.get("hooks") or [])
    hooks.insert(max(len(hooks) - 1, 0), "build_scripts/make_offline_zip.py")  # the SW hook stays last
    extra = dict(raw.get("extra") or {})
    extra["polyfills"] = [f"{SHIM_TARGET}/shim.js"]
    config = load_config(
        config_file=str(ROOT / "mkdocs.yml"),
        site_dir=str(site_dir),
        plugins=plugins,
        hooks=hooks,
        extra=extra,
        strict=True,
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(site_dir)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_extras(folder):
    (folder / "README.txt").write_text(README.format(port=PORT, folder=folder.name).replace("\n", "\r\n"), encoding="utf-8")
    (folder / "serve.py").write_text(SERVE_PY.format(port=PORT), encoding="utf-8")
    (folder / "start.sh").write_text(START_SH, encoding="utf-8")
    (folder / "start-windows.bat").write_bytes(START_BAT.replace("\n", "\r\n").encode("ascii"))
    (folder / "start.sh").chmod(0o755)


def write_sums(folder):
    files = sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != "SHA256SUMS"
    )
    lines = [f"{sha256(folder / name)}  {name}" for name in files]
    (folder / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def write_zip(folder, zip_path):
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                arcname = f"{folder.name}/{path.relative_to(folder).as_posix()}"
                info = zipfile.ZipInfo.from_file(path, arcname)
                info.compress_type = zipfile.ZIP_DEFLATED
                if path.name == "start.sh":
                    info.external_attr = (0o100755 & 0xFFFF) << 16
                with open(path, "rb") as file:
                    archive.writestr(info, file.read(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    tmp.replace(zip_path)
    return zip_path


def make_offline_zip(dist_dir=ROOT / "dist", build_dir=ROOT / "build" / "offline"):
    """Build the offline site and zip it; returns the zip's path. Fails if the zip is 10 MB or more."""
    folder_name = f"{NAME}-{version()}-{build_date()}"
    folder = Path(build_dir) / folder_name
    if folder.exists():
        shutil.rmtree(folder)
    build_offline_site(folder)
    (folder / ".built").unlink(missing_ok=True)
    write_extras(folder)
    write_sums(folder)
    zip_path = write_zip(folder, Path(dist_dir) / f"{folder_name}.zip")
    size = zip_path.stat().st_size
    if size >= LIMIT:
        zip_path.unlink()
        raise SystemExit(f"{zip_path.name} is {size / 1e6:.1f} MB: the offline copy must stay under 10 MB")
    return zip_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="where the zip goes (default dist/)")
    parser.add_argument("--build-dir", default=str(ROOT / "build" / "offline"), help="where the site is built first")
    args = parser.parse_args(argv)
    zip_path = make_offline_zip(Path(args.dist), Path(args.build_dir))
    print(f"{zip_path} ({zip_path.stat().st_size / 1024 / 1024:.1f} MiB)")


README = """协商还款指南 · 离线副本 / Offline copy
==========================================

【中文】

这个文件夹是“协商还款指南”整个网站：指南、搜索、计算器（在你自己的浏览器里运行，
不联网、不上传任何数据）。

一、直接打开（只能看指南和搜索）
  双击 index.html。指南和搜索都能用；计算器不能用（浏览器不允许从本机文件运行它），
  计算器页面会提示你用下面的方法打开。

二、在本机开一个网站（全部功能，包括计算器；之后断网也能用）
  需要 Python 3（免费，python.org；macOS 和大多数 Linux 已经自带）。
  - Windows：双击 start-windows.bat。会打开浏览器，地址是 http://127.0.0.1:{port}/ 。
    用完关掉黑色窗口即可。没有 Python 的话，到 python.org 下载安装（勾选“Add python.exe to PATH”）。
    也可以在这个文件夹里打开命令行，输入：python -m http.server {port} --bind 127.0.0.1
  - macOS / Linux：在终端里进入这个文件夹，输入：sh start.sh
    或者：python3 -m http.server {port} --bind 127.0.0.1 ，再用浏览器打开 http://127.0.0.1:{port}/
  - 只有 busybox 的设备（路由器、小型 Linux）：busybox httpd -f -p {port} -h .
  - 安卓手机：把整个文件夹复制到手机里，装一个“静态网页服务器 / HTTP server”类的应用，
    把网站目录设成这个文件夹，再用手机浏览器打开它显示的地址（例如 http://127.0.0.1:端口/）。
    装了 Termux 的话：pkg install python，然后在文件夹里运行 python -m http.server {port}
  - 也可以放到任何普通的网站服务器（nginx、Apache 等）上，不需要任何设置；
    只要不是本机（127.0.0.1），要用 https 打开，离线功能才会生效。
  用网址打开过一次之后，浏览器会把网站存下来：以后没有网络也能打开（计算器需要先打开过一次）。

三、检查文件是否完整（可选）
  SHA256SUMS 里是每个文件的校验值。
  - Linux / macOS：在这个文件夹里运行 sha256sum -c SHA256SUMS
    （macOS 没有 sha256sum 时：shasum -a 256 -c SHA256SUMS），每行都应显示 OK。
  - Windows PowerShell：Get-FileHash -Algorithm SHA256 index.html
    把结果和 SHA256SUMS 里同名那一行比较（大小写不同没关系）。

【English】

This folder is the whole "协商还款指南" site (a guide for people overdue on consumer credit in
mainland China): the guide, search, and calculators that run in your own browser (nothing is
sent anywhere).

1. Open index.html directly (file://): reading and search work; the calculators do not (browsers do
   not run them from local files) and their pages say how to serve the folder instead.

2. Serve the folder on your own computer (everything works, also offline afterwards). Needs Python 3.
   - Windows: double-click start-windows.bat; it opens http://127.0.0.1:{port}/ . Close the window
     to stop. Or in this folder: python -m http.server {port} --bind 127.0.0.1
   - macOS / Linux: sh start.sh   (or: python3 -m http.server {port} --bind 127.0.0.1)
   - busybox: busybox httpd -f -p {port} -h .
   - Android: copy the folder to the phone, install any static "HTTP server" app, point it at this
     folder and open the address it shows in the browser (or Termux: pkg install python, then
     python -m http.server {port} in the folder).
   - Any plain static web server (nginx, Apache, ...) works with no configuration; away from
     127.0.0.1 serve it over https so the browser can keep an offline copy.
   After one visit over http(s), the browser keeps the site: it opens with no network, and the
   calculators work offline once a calculator page has been opened.

3. Check the files (optional): SHA256SUMS lists every file's SHA-256.
   - Linux / macOS: sha256sum -c SHA256SUMS   (macOS: shasum -a 256 -c SHA256SUMS) — every line OK.
   - Windows PowerShell: Get-FileHash -Algorithm SHA256 index.html, and compare with the line for
     that file in SHA256SUMS (case does not matter).
"""

SERVE_PY = '''"""Serve this folder on http://127.0.0.1:{port}/ (or the next free port) and open the browser.

Used by start.sh and start-windows.bat. Python 3 standard library only. Only this computer can
connect (127.0.0.1). Stop with Ctrl+C or by closing the window.
"""
import functools
import http.server
import os
import threading
import webbrowser

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {{".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
          ".json": "application/json", ".webmanifest": "application/manifest+json",
          ".svg": "image/svg+xml", ".css": "text/css", ".html": "text/html; charset=utf-8"}}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES)

    def log_message(self, *args):
        pass


def main():
    handler = functools.partial(Handler, directory=HERE)
    for port in range({port}, {port} + 20):
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
            break
        except OSError:
            continue
    else:
        raise SystemExit("no free port between {port} and {port} + 19")
    url = "http://127.0.0.1:%d/" % port
    print("协商还款指南: " + url)
    print("关掉这个窗口（或按 Ctrl+C）就停止。 Close this window (or press Ctrl+C) to stop.")
    threading.Timer(0.5, webbrowser.open, [url]).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
'''

START_SH = """#!/bin/sh
# Serve this folder on http://127.0.0.1:8765/ and open the browser (macOS, Linux): sh start.sh
cd "$(dirname "$0")" && exec "$(command -v python3 || command -v python)" serve.py
"""

START_BAT = """@echo off
rem Serve this folder on http://127.0.0.1:8765/ and open the browser. Needs Python 3 (python.org).
cd /d "%~dp0"
where py >nul 2>nul && (py -3 serve.py & goto :end)
where python >nul 2>nul && (python serve.py & goto :end)
echo Python 3 is needed: https://www.python.org/downloads/ (tick "Add python.exe to PATH").
echo Or open index.html directly to read the guide (the calculators need Python).
pause
:end
"""


if __name__ == "__main__":
    sys.exit(main())
