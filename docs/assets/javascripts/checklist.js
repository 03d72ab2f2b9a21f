// Guide checklists: keep the ticks of a page's task list on this device only,
// in localStorage under "xshk:checklist:PAGE" (PAGE = the page's path). No Pyodide, nothing sent.
(() => {
  // A calculator page opened straight from disk: its module script cannot run there, so say why here.
  const status = document.getElementById("calculator-status");
  if (status && location.protocol === "file:") {
    status.textContent = "这个页面不能直接从文件夹里打开（地址以 file:// 开头）。请在网站文件夹里运行 " +
      "python3 -m http.server 8000，再用浏览器打开 http://127.0.0.1:8000/ 。也可以按本页下面的例子手算。";
  }
  const boxes = document.querySelectorAll(".task-list-item input[type=checkbox]");
  if (!boxes.length) return;
  const key = "xshk:checklist:" + location.pathname.replace(/(index)?\.html$/, "").replace(/\/$/, "");
  let ticks = [];
  try {
    ticks = JSON.parse(localStorage.getItem(key) || "[]");
  } catch (_) { /* private mode: ticks just are not kept */ }
  boxes.forEach((box, index) => {
    box.disabled = false;
    if (Array.isArray(ticks) && ticks.includes(index)) box.checked = true;
    box.addEventListener("change", () => {
      const now = [...boxes].flatMap((item, i) => (item.checked ? [i] : []));
      try {
        if (now.length) localStorage.setItem(key, JSON.stringify(now));
        else localStorage.removeItem(key);
      } catch (_) { /* not kept */ }
    });
  });
})();
