@echo off
chcp 65001 >nul
rem 协商还款指南 offline copy: serve this folder on http://127.0.0.1:{port}/ and open the browser.
rem Needs Python 3 (python.org). serve.py uses its standard library only.
cd /d "%~dp0"
rem "py" is the launcher a python.org install puts in place; "python" may be only the Microsoft Store
rem shortcut, which does not run anything: try it before using it.
py -3 -c "import sys" >nul 2>nul && (py -3 serve.py --port {port} --tries 20 --open & goto :end)
python -c "import sys; sys.exit(sys.version_info < (3, 7))" >nul 2>nul && (python serve.py --port {port} --tries 20 --open & goto :end)
echo.
echo 没有找到 Python 3，计算器需要它来在本机开一个网站。
echo.
echo 1. 打开 https://www.python.org/downloads/ ，下载 Windows 版 Python 3 并运行安装程序。
echo 2. 安装的第一页一定要勾选 "Add python.exe to PATH"，再点 "Install Now"。
echo 3. 装好以后，再双击一次 start-windows.bat 。
echo    （也可以在“Microsoft Store”里搜索 Python 3 安装。）
echo.
echo 不装 Python 也能看指南：直接双击 index.html（搜索能用，计算器不能用）。
echo 想把它放到网上给别人用：看 deploy\README.md（托管指南）。
echo.
echo Python 3 was not found. Install it from https://www.python.org/downloads/ (tick
echo "Add python.exe to PATH"), then double-click start-windows.bat again. Without Python you
echo can still open index.html to read the guide (the calculators need Python).
pause
:end
