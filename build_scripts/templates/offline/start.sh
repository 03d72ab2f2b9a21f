#!/bin/sh
# 协商还款指南 offline copy: serve this folder on http://127.0.0.1:{port}/ and open the browser.
# macOS / Linux: sh start.sh   (needs Python 3; serve.py uses its standard library only)
cd "$(dirname "$0")" || exit 1
for python in python3 python; do
  if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import sys; sys.exit(sys.version_info < (3, 7))' 2>/dev/null; then
    exec "$python" serve.py --port {port} --tries 20 --open
  fi
done
cat <<'MESSAGE'
没有找到 Python 3，计算器需要它来在本机开一个网站。

- macOS：在“终端”里输入 python3 并回车。第一次运行时，系统会弹出窗口问你要不要安装
  “命令行开发者工具”（Command Line Tools），点“安装”，等它装完，再运行一次 sh start.sh 。
  也可以到 https://www.python.org/downloads/ 下载安装。
- Linux：用系统的软件包管理器安装 python3，例如 sudo apt install python3 。

不装 Python 也能看指南：直接双击 index.html（搜索能用，计算器不能用）。
想把它放到网上给别人用：看 deploy/README.md（托管指南）。

Python 3 was not found. macOS: run python3 in Terminal once and accept the offer to install the
Command Line Tools (or install it from python.org), then run sh start.sh again. Linux: install
python3 with your package manager. Without Python you can still open index.html to read the guide.
MESSAGE
exit 1
