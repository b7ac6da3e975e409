// Draws a network map from the JSON blocks the server wrote into the page. Every name and note
// arrives as data and is drawn by vis-network on a canvas or set as text: no HTML is built from
// it. Positions come from the server, so the map looks the same every time it is opened.
(function () {
  "use strict";

  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var page = data("ll-page");
  var nodes = new vis.DataSet(data("ll-nodes"));
  var edges = new vis.DataSet(data("ll-edges"));
  var options = JSON.parse(data("ll-options"));
  var container = document.getElementById("ll-map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var shown = document.getElementById("ll-shown");

  function counts() {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  }

  function value(id) {
    var element = document.getElementById(id);
    return element ? element.value : "";
  }

  // Filters hide and show what is already on the page; nothing is fetched.
  function applyFilters() {
    var side = value("ll-side");
    var living = value("ll-living");
    var stage = value("ll-stage");
    var changes = nodes.get().map(function (node) {
      var keep =
        node.llCentre ||
        ((!side || node.llGroup === side || node.llGroup === "both") &&
          (!living || (living === "living") === node.llLiving) &&
          (!stage || node.llStage === stage));
      return { id: node.id, hidden: !keep };
    });
    nodes.update(changes);
    var now = counts();
    shown.textContent = now.nodes + " people shown";
  }

  ["ll-side", "ll-living", "ll-stage"].forEach(function (id) {
    var element = document.getElementById(id);
    if (element) {
      element.addEventListener("change", applyFilters);
    }
  });

  // Inside an iframe, tell the embedding page (and only that origin) how tall the map is.
  function tellParent() {
    if (page.parentOrigin && window.parent !== window) {
      window.parent.postMessage(
        { type: "lifelong-links:height", height: document.documentElement.scrollHeight },
        page.parentOrigin
      );
    }
  }

  // A large tree fitted to the window is too small to read: open it on the young person, at a
  // size where names can be read; the whole tree is a scroll of the mouse wheel away.
  function focusLargeTree() {
    var centre = nodes.get({ filter: function (node) { return node.llCentre; } })[0];
    if (page.view === "tree" && centre && nodes.length > 40) {
      network.moveTo({ position: { x: centre.x, y: centre.y - 150 }, scale: 0.75 });
    }
  }

  var ready = false;
  network.on("afterDrawing", function () {
    if (!ready) {
      ready = true;
      focusLargeTree();
      window.llSettledAt = performance.now();
      window.llReady = true;
      tellParent();
    }
  });
  if (window.ResizeObserver) {
    new ResizeObserver(tellParent).observe(document.body);
  }

  shown.textContent = counts().nodes + " people shown";
  window.llMap = { network: network, nodes: nodes, edges: edges, counts: counts };
})();
