// Drag-and-drop onto the upload box: the dropped file goes into the form's file input.
document.addEventListener("DOMContentLoaded", function () {
  var drop = document.getElementById("drop");
  var input = document.getElementById("file");
  var text = document.getElementById("drop-text");
  if (!drop || !input) { return; }
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (ev) { ev.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function (ev) { ev.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (ev) {
    if (ev.dataTransfer && ev.dataTransfer.files.length) {
      input.files = ev.dataTransfer.files;
      text.textContent = ev.dataTransfer.files[0].name;
    }
  });
  input.addEventListener("change", function () {
    if (input.files.length) { text.textContent = input.files[0].name; }
  });
});
