"""`make serve-nginx PORT=8080`: serve the built site with Debian's nginx and deploy/nginx.conf,
on 127.0.0.1:PORT, in the foreground (Ctrl+C stops it). This is how the shipped configuration is
tested (tests/browser/test_deploy.py), so it changes as little as it can: in deploy/nginx.conf it replaces
only the `listen` lines (127.0.0.1:PORT) and the `root` line (the built site), and wraps it in the
minimal main configuration nginx needs to run without root's files (pid, temp folders and mime.types
in build/nginx/, errors to the terminal, no access log), loading the machine's enabled modules
(Debian: the brotli module from /etc/nginx/modules-enabled/).

    python build_scripts/serve_nginx.py [--port 8080] [--site site] [--config deploy/nginx.conf] [--check]

--check runs `nginx -t` on the result and exits with its status.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MODULES = Path("/etc/nginx/modules-enabled")
MIME_TYPES = Path("/etc/nginx/mime.types")

MAIN = """# Written by build_scripts/serve_nginx.py around {config}: do not edit.
{modules}{user}worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log stderr notice;
events {{
    worker_connections 512;
}}
http {{
    access_log off;
    sendfile on;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;

{server}
}}
"""


def for_local_test(text, site_dir, port):
    """deploy/nginx.conf with its listen lines on 127.0.0.1:port and its root at site_dir."""
    text, listens = re.subn(r"(?m)^(\s*)listen\s+80;", rf"\g<1>listen 127.0.0.1:{port};", text)
    text, _ = re.subn(r"(?m)^\s*listen\s+\[::\]:80;\n", "", text)
    text, roots = re.subn(r"(?m)^(\s*)root\s+[^;]+;", lambda m: f"{m.group(1)}root {site_dir};", text)
    if listens != 1 or roots != 1:
        raise SystemExit("deploy/nginx.conf must have one `listen 80;` and one `root ...;` line")
    return text


def write_config(config, site_dir, port, work, verbatim=False):
    """Write work/nginx.conf (and work/mime.types) around `config`; returns its path. verbatim: the
    server block exactly as shipped (for `nginx -t` only: it listens on port 80)."""
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MIME_TYPES, work / "mime.types")
    text = Path(config).read_text(encoding="utf-8")
    server = text if verbatim else for_local_test(text, Path(site_dir).resolve(), port)
    modules = f"include {MODULES}/*.conf;\n" if MODULES.is_dir() else ""
    # as root, nginx's workers would run as `nobody`, who may not read a checkout in a home folder
    user = "user root;\n" if os.geteuid() == 0 else ""
    path = work / "nginx.conf"
    path.write_text(MAIN.format(config=config, modules=modules, user=user, work=work, server=server), encoding="utf-8")
    return path


def check(path):
    """`nginx -t` on a written configuration: (returncode, output)."""
    done = subprocess.run([NGINX, "-t", "-q", "-e", "stderr", "-c", str(path)], capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--config", default=str(ROOT / "deploy" / "nginx.conf"))
    parser.add_argument("--work", default=str(ROOT / "build" / "nginx"), help="pid, temp folders (default build/nginx)")
    parser.add_argument("--check", action="store_true", help="only run nginx -t")
    args = parser.parse_args(argv)
    if not Path(NGINX).exists():
        raise SystemExit("nginx is not installed: `make serve-nginx` installs Debian's nginx")
    path = write_config(args.config, args.site, args.port, Path(args.work) / str(args.port))
    status, output = check(path)
    if status or args.check:
        sys.stderr.write(output)
        sys.exit(status)
    print(f"协商还款指南 (nginx, {Path(args.config).name}): http://127.0.0.1:{args.port}/  (Ctrl+C to stop)", flush=True)
    os.execv(NGINX, [NGINX, "-e", "stderr", "-c", str(path)])


if __name__ == "__main__":
    main()
