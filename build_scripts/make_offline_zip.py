"""Build the offline copy: dist/xieshang-huankuan-zhinan-<version>-<YYYYMMDD>.zip (`make offline`).

The zip holds one folder with the whole site (guide, search, calculators, Pyodide), a SHA256SUMS
file (sha256sum format, every file), README.txt (Chinese and English), launchers that serve the
folder on 127.0.0.1 and open the browser (start-windows.bat, start.sh, both running serve.py, which is
build_scripts/serve_site.py), and deploy/ (the hosting guide, nginx.conf and Caddyfile, their CSP
header fitted to this copy's pages). README.txt and the launchers are build_scripts/templates/offline/.
The build's precompressed .br/.gz copies are not in the zip (see NOT_IN_THE_COPY).

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
TEMPLATES = ROOT / "build_scripts" / "templates" / "offline"
SERVER = ROOT / "build_scripts" / "serve_site.py"  # the same server as `make serve`, as serve.py
# The build's precompressed copies (.br/.gz) are left out: they would add about 7 MB to the zip (over
# its limit), and on 127.0.0.1 compression gains nothing; serve.py then sends the files as they are.
NOT_IN_THE_COPY = ("build_scripts/precompress.py",)


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
    # No build-time memory snapshot in the copy (its .bin, .br and .gz: the zip would be far over its limit); its
    # calculator pages start Python the normal way, then from the browser's own snapshot.
    os.environ["XSHK_NO_SNAPSHOT"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        raw = yaml_load(file)
    plugins = list(raw.get("plugins") or []) + ["offline"]
    hooks = [hook for hook in raw.get("hooks") or [] if hook not in NOT_IN_THE_COPY]
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


def template(name):
    return (TEMPLATES / name).read_text(encoding="utf-8").replace("{port}", str(PORT))


def write_deploy(folder):
    """deploy/ (the hosting guide, nginx.conf, Caddyfile) with the CSP header of this copy's pages:
    the offline build's pages carry other inline-script hashes than the normal build's."""
    sys.path.insert(0, str(ROOT / "build_scripts"))
    import deploy_config

    target = folder / "deploy"
    target.mkdir(exist_ok=True)
    policy = deploy_config.header_policy(folder)
    for path in deploy_config.FILES:
        (target / path.name).write_text(deploy_config.with_policy(path.read_text(encoding="utf-8"), policy), encoding="utf-8")
    shutil.copyfile(ROOT / "deploy" / "README.md", target / "README.md")


def write_extras(folder):
    """README.txt and the launchers from build_scripts/templates/offline/, serve.py = serve_site.py."""
    (folder / "README.txt").write_bytes(template("README.txt").replace("\n", "\r\n").encode("utf-8"))
    shutil.copyfile(SERVER, folder / "serve.py")
    (folder / "start.sh").write_bytes(template("start.sh").encode("utf-8"))
    # cmd.exe reads a .bat in the console's code page: CRLF, and UTF-8 text after `chcp 65001`
    (folder / "start-windows.bat").write_bytes(template("start-windows.bat").replace("\n", "\r\n").encode("utf-8"))
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
    write_deploy(folder)
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

if __name__ == "__main__":
    sys.exit(main())
