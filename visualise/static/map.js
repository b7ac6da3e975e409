// Draws a network map from the JSON blocks the server wrote into the page. Every name and note
// arrives as data and is drawn by vis-network on a canvas or set as text: no HTML is built from
// it. Positions come from the server, so the map looks the same every time it is opened.
(function () {
  "use strict";

  // The page shows its controls once this runs (network.html hides them until then).
  document.documentElement.classList.add("ll-js");

  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var page = data("ll-page");
  var tree = page.view === "tree";
  // vis-network hides a label under drawThreshold - 1 px on screen and fades it up to
  // drawThreshold: the first view is never smaller than the scale that draws labels in full.
  var READABLE = page.drawThreshold / page.font;
  var MAX_SCALE = 1.25;
  var PAD = 16;
  var SHIFT = 0.08;
  var BATCH = 8;
  var MAX_MATCHES = 12;
  var DASHES = { solid: [], dashed: [8, 5], dotted: [2, 4], dashdot: [12, 4, 2, 4] };
  var FONT = page.font + "px arial";
  var NBSP = "\u00a0";

  var measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT;
  function width(text) {
    return measure.measureText(text).width;
  }

  // Cut a card's label line to `room` px with an ellipsis. Its spaces become no-break spaces:
  // vis-network then never wraps it (its word wrap also counts each space three times over).
  function fit(text, room) {
    var cut = text.replace(/ /g, NBSP);
    if (width(cut) > room) {
      cut = cut.replace(/…$/, "");
      while (cut && width(cut + "…") > room) {
        cut = cut.slice(0, -1);
      }
      cut = cut.replace(/\s+$/, "") + "…";
    }
    return cut;
  }

  var ORDER_WORDS = "A court order keeps this person from the young person.";

  // A person's tooltip: who they are, and what the panel says first.
  function tooltip(node) {
    return [node.llName, node.llRelation, node.llDates, node.llLiving ? null : "deceased",
      node.llStageWords ? "Connection stage: " + node.llStageWords : null,
      node.llLastContact ? "Last contact: " + node.llLastContact : null,
      node.llLapsed ? "Contact has lapsed." : null]
      .concat(node.llFlags, [node.llRestricted ? ORDER_WORDS : null,
        node.llWish && !node.llCentre ? "The young person's wish: " + node.llWish : null])
      .filter(function (line) { return line; }).join("\n");
  }

  var list = data("ll-nodes");
  // The page sends each look once and each path's names once (visualise/maps.py): a person
  // takes the fields of their look, and a step without a name is the person with its id.
  var names = {};
  list.forEach(function (node) {
    if (!node.llSummary) {
      names[node.id] = node.llName;
    }
  });
  list.forEach(function (node) {
    if (node.llLook !== undefined) {
      var look = page.looks[node.llLook];
      Object.keys(look).forEach(function (key) { node[key] = look[key]; });
      delete node.llLook;
    }
    if (node.llPath) {
      node.llPath = node.llPath.map(function (step) {
        return { word: step[0], id: step[1], name: step.length > 2 ? step[2] : names[step[1]] };
      });
    }
    if (!node.llSummary) {
      node.title = tooltip(node);
    }
  });
  var people = {};
  var order = [];
  var folded = {}; // person id -> true while a summary holds them
  var collapsed = {}; // unit id -> true while its descendants are folded away
  var visible = {}; // node id -> drawn now
  var highlight = {}; // ids emphasised on the map
  list.forEach(function (node) {
    if (!node.llSummary) {
      people[node.id] = node;
      order.push(node.id);
      if (node.llFolded) {
        folded[node.id] = true;
      }
      if (tree) {
        node.label = node.label.split("\n").map(function (line) {
          return fit(line, page.card[0] - 12);
        }).join("\n");
      }
    }
  });
  var summaries = {};
  page.summaries.forEach(function (summary) {
    summaries[summary.id] = summary;
  });

  // The young person and their ancestors stay when a family's descendants are folded away.
  var spine = {};
  (function climb(id) {
    spine[id] = true;
    page.family.forEach(function (f) {
      if (f[2] === "parent" && f[1] === id && !spine[f[0]]) {
        climb(f[0]);
      }
    });
  })(page.youngPerson);

  function value(id) {
    var element = document.getElementById(id);
    return element ? element.value : "";
  }

  function passes(node) {
    var side = value("ll-side");
    var living = value("ll-living");
    var stage = value("ll-stage");
    if (node.llSummary) {
      // Shown while any of its people are (a later reader: a full brother's son, on both
      // sides, folded with the mother's side, could not be opened on the father's).
      return !side || node.llSide === side || node.llSide === "both" ||
        summaries[node.id].members.some(function (id) { return passes(people[id]); });
    }
    return (
      node.llCentre ||
      ((!side || node.llGroup === side || node.llGroup === "both" || node.llAlso === side) &&
        (!living || (living === "living") === node.llLiving) &&
        (!stage || node.llStage === stage))
    );
  }

  function decide() {
    var away = {};
    page.units.forEach(function (unit) {
      if (collapsed[unit.id]) {
        unit.descendants.forEach(function (id) {
          away[id] = !spine[id];
        });
      }
    });
    list.forEach(function (node) {
      visible[node.id] =
        passes(node) && (node.llCentre || node.llSummary || (!folded[node.id] && !away[node.id]));
    });
  }

  // A summary's people the filters let through: those it counts and opens (a second reader:
  // with "living only", a click opened nobody and the label counted the deceased).
  function wanted(summary) {
    return summary.members.filter(function (id) { return passes(people[id]); });
  }

  function summaryLabel(summary) {
    var members = wanted(summary);
    var rest = members.filter(function (id) { return folded[id]; }).length;
    var shownNow = members.length - rest;
    if (!members.length) {
      return summary.label + "\nnobody here the filters show";
    }
    if (!shownNow) {
      return summary.label + "\nclick to show the closest " + Math.min(BATCH, rest);
    }
    if (!rest) {
      return summary.label + "\nall " + shownNow + " shown";
    }
    return summary.label + "\n" + shownNow + " shown, " + rest + " more: click";
  }

  decide();
  list.forEach(function (node) {
    node.hidden = !visible[node.id];
    if (node.llSummary) {
      node.label = summaryLabel(summaries[node.id]);
    }
  });

  var nodes = new vis.DataSet(list);
  var edges = new vis.DataSet(data("ll-edges"));
  var options = JSON.parse(data("ll-options"));
  var container = document.getElementById("ll-map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  // vis-network's focusable surface: named, and moved and zoomed from the keyboard
  // (interaction.keyboard, bound to it alone).
  var surface = container.querySelector(".vis-network");
  surface.setAttribute("role", "img");
  surface.setAttribute("aria-label", container.getAttribute("aria-label") +
    ". Arrow keys move the map, Page Up and Page Down zoom. Everyone on it is listed under " +
    "'Everyone on this map, as a list'.");
  container.removeAttribute("role");
  container.removeAttribute("aria-label");
  // vis-network focuses it when the pointer moves over the map (keyboard.autoFocus), and a
  // focused element is scrolled into view: where the window showed only part of the map (800
  // and 1024 px windows), the page moved under the pointer and the click went elsewhere.
  surface.focus = function () {
    HTMLElement.prototype.focus.call(surface, { preventScroll: true });
  };
  // A tooltip shown on hover is dismissed with Escape (WCAG 1.4.13).
  document.addEventListener("keydown", function (event) {
    var tip = container.querySelector("div.vis-tooltip");
    if (event.key === "Escape" && tip) {
      tip.style.visibility = "hidden";
    }
  });
  var shown = document.getElementById("ll-shown");
  var panel = document.getElementById("ll-panel");
  var find = document.getElementById("ll-find");
  var matches = document.getElementById("ll-matches");
  var foundWords = document.getElementById("ll-found");
  var everyone = document.getElementById("ll-everyone");
  var everyoneList = document.getElementById("ll-people");

  function both(a, b) {
    return Boolean(visible[a] && visible[b]);
  }

  // People shown, and the ties (ecomap) or family edges (tree) between people shown.
  function counts() {
    var edgeCount = 0;
    if (tree) {
      page.family.forEach(function (f) { edgeCount += both(f[0], f[1]) ? 1 : 0; });
    } else {
      edges.forEach(function (edge) { edgeCount += both(edge.from, edge.to) ? 1 : 0; });
    }
    return { nodes: order.filter(function (id) { return visible[id]; }).length, edges: edgeCount };
  }

  // Hiding and showing what is already on the page; nothing is fetched.
  function refresh() {
    var before = {};
    list.forEach(function (node) { before[node.id] = visible[node.id]; });
    decide();
    var changes = [];
    list.forEach(function (node) {
      var change = { id: node.id };
      if (before[node.id] !== visible[node.id]) {
        change.hidden = !visible[node.id];
      }
      if (node.llSummary) {
        change.label = summaryLabel(summaries[node.id]);
      }
      if (Object.keys(change).length > 1) {
        changes.push(change);
      }
    });
    nodes.update(changes);
    emphasise(Object.keys(highlight));
    shown.textContent = counts().nodes + " people shown";
    if (everyone.open) {
      listEveryone();
    }
    if (panelSummary) {
      summaryPanel(panelSummary);
    }
  }

  ["ll-side", "ll-living", "ll-stage"].forEach(function (id) {
    var element = document.getElementById(id);
    if (element) {
      element.addEventListener("change", refresh);
    }
  });

  // A genogram connector is drawn while the people it joins are shown.
  function isDrawn(line) {
    return (
      line.needs.every(function (id) { return visible[id]; }) &&
      (!line.any_of.length || line.any_of.some(function (id) { return visible[id]; }))
    );
  }

  function drawnLines() {
    return page.lines.filter(isDrawn);
  }

  function emphasised(line) {
    return (
      line.needs.length > 0 &&
      line.needs.every(function (id) { return highlight[id]; }) &&
      (!line.any_of.length || line.any_of.some(function (id) { return highlight[id]; }))
    );
  }

  // "/" separated, "//" divorced: short slashes across the middle of the couple line.
  function slashes(ctx, line) {
    var dx = line.x2 - line.x1;
    var dy = line.y2 - line.y1;
    var length = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / length;
    var uy = dy / length;
    var count = line.mark.length;
    ctx.setLineDash([]);
    ctx.beginPath();
    for (var i = 0; i < count; i++) {
      var along = (i - (count - 1) / 2) * 8;
      var cx = (line.x1 + line.x2) / 2 + ux * along;
      var cy = (line.y1 + line.y2) / 2 + uy * along;
      ctx.moveTo(cx - ux * 4 - uy * 9, cy - uy * 4 + ux * 9);
      ctx.lineTo(cx + ux * 4 + uy * 9, cy + uy * 4 - ux * 9);
    }
    ctx.stroke();
  }

  network.on("beforeDrawing", function (ctx) {
    drawnLines().forEach(function (line) {
      var strong = emphasised(line);
      ctx.save();
      ctx.strokeStyle = strong ? "#1f1f1f" : "#8a8a8a";
      ctx.lineWidth = (line.kind === "couple" ? 2.5 : 1.8) * (strong ? 1.8 : 1);
      ctx.setLineDash(DASHES[line.style] || []);
      ctx.beginPath();
      ctx.moveTo(line.x1, line.y1);
      ctx.lineTo(line.x2, line.y2);
      ctx.stroke();
      if (line.mark) {
        slashes(ctx, line);
      }
      ctx.restore();
    });
  });

  function emphasise(ids) {
    highlight = {};
    ids.forEach(function (id) { highlight[id] = true; });
    network.selectNodes(ids.filter(function (id) { return visible[id]; }), false);
    network.redraw();
  }

  // The side panel: everything written as text into elements made here.
  function element(tag, text, css) {
    var made = document.createElement(tag);
    if (text !== undefined && text !== null) {
      made.textContent = text;
    }
    if (css) {
      made.className = css;
    }
    return made;
  }

  function clear(parent) {
    while (parent.firstChild) {
      parent.removeChild(parent.firstChild);
    }
  }

  function entry(dl, term, said, css) {
    if (said === null || said === undefined || said.length === 0) {
      return;
    }
    dl.appendChild(element("dt", term));
    var dd = element("dd", Array.isArray(said) || said.nodeType ? null : said, css);
    if (said.nodeType) {
      dd.appendChild(said);
    } else if (Array.isArray(said)) {
      var ul = element("ul");
      said.forEach(function (line) { ul.appendChild(element("li", line)); });
      dd.appendChild(ul);
    }
    dl.appendChild(dd);
  }

  // The steps from the young person to someone, as a list: a screen reader says "list, 3
  // items" and each step, where the arrows between them (hidden from it) would be read as
  // "right arrow".
  function pathList(node) {
    if (!node.llPath) {
      return "Not joined to the young person by family ties.";
    }
    var list = element("ol", null, "ll-path");
    node.llPath.forEach(function (step, i) {
      var item = element("li");
      if (i > 0) {
        var arrow = element("span", " → ");
        arrow.setAttribute("aria-hidden", "true");
        item.appendChild(arrow);
      }
      item.appendChild(document.createTextNode(step.word + " " + step.name));
      list.appendChild(item);
    });
    return list;
  }

  function foldButtons(node) {
    if (!tree || page.scope !== "whole") {
      return;
    }
    page.units.forEach(function (unit) {
      var below = unit.descendants.filter(function (id) { return !spine[id]; }).length;
      if (unit.parents.indexOf(node.id) < 0 || !below) {
        return;
      }
      var others = unit.parents.filter(function (id) { return id !== node.id && people[id]; });
      var button = element("button", (collapsed[unit.id] ? "Show " : "Hide ") + below +
        (below === 1 ? " descendant" : " descendants") + (others.length ? " (with " +
        others.map(function (id) { return people[id].llName; }).join(" and ") + ")" : ""));
      button.type = "button";
      button.llUnit = unit.id;
      button.addEventListener("click", function () {
        collapsed[unit.id] = !collapsed[unit.id];
        refresh();
        open(node.id);
        var again = Array.prototype.filter.call(panel.querySelectorAll("button"),
          function (b) { return b.llUnit === unit.id; })[0];
        (again || panel).focus();
      });
      panel.appendChild(button);
    });
  }

  function open(id) {
    var node = people[id];
    if (!node) {
      return false;
    }
    clear(panel);
    panelSummary = null;
    panel.classList.remove("ll-empty"); // printed now (network.html)
    // The heading takes the focus when someone is chosen from the keyboard: a screen reader
    // says their name, and the rest is read on from there (the panel is no live region, which
    // would read it all a second time).
    var heading = element("h2", node.llName);
    heading.tabIndex = -1;
    panel.appendChild(heading);
    var dl = element("dl");
    entry(dl, "Relation", node.llCentre ? "the young person" : node.llRelation || "not recorded");
    entry(dl, "Sex", node.llSex === "unknown" ? null : node.llSex);
    entry(dl, "Side", node.llSide);
    entry(dl, "How they are related", node.llCentre ? null : pathList(node));
    entry(dl, "Dates", node.llLiving ? node.llDates
      : (node.llDates ? node.llDates + ", deceased" : "deceased"));
    entry(dl, "Tie with the young person", node.llCentre ? null : edges.get({
      filter: function (e) {
        return (e.from === id && e.to === page.youngPerson) ||
          (e.to === id && e.from === page.youngPerson);
      },
    }).map(function (e) { return e.llWords; }));
    entry(dl, "Connection stage", node.llStageWords &&
      node.llStageWords + (node.llLapsed ? ", contact lapsed" : ""));
    entry(dl, "Last contact", node.llCentre ? null : node.llLastContact || "none recorded");
    entry(dl, "The young person's wish", node.llCentre ? null : node.llWish || "none recorded");
    entry(dl, "Safety", node.llFlags.length ? node.llFlags : "No safety flag.",
      node.llFlags.length ? "warn" : null);
    entry(dl, "Court order", node.llRestricted ? ORDER_WORDS : null, "warn");
    entry(dl, "Safeguarding links", node.llChains, "warn");
    panel.appendChild(dl);
    foldButtons(node);
    var ids = [page.youngPerson, id];
    (node.llPath || []).forEach(function (step) { if (step.id) { ids.push(step.id); } });
    emphasise(ids.filter(function (one, i) { return ids.indexOf(one) === i; }));
    return true;
  }

  function centreOn(id) {
    network.moveTo({ position: network.getPosition(id),
                     scale: Math.max(network.getScale(), READABLE) });
  }

  // Show someone wherever they are: out of their summary, their family unfolded, the filters
  // cleared if those hide them.
  function reveal(id) {
    delete folded[id];
    page.units.forEach(function (unit) {
      if (unit.descendants.indexOf(id) >= 0) {
        collapsed[unit.id] = false;
      }
    });
    decide();
    if (!visible[id]) {
      ["ll-side", "ll-living", "ll-stage"].forEach(function (one) {
        var select = document.getElementById(one);
        if (select) {
          select.value = "";
        }
      });
    }
    refresh();
  }

  function choose(id) {
    reveal(id);
    centreOn(id);
    open(id);
    panel.querySelector("h2").focus();
  }

  // Open a summary's closest BATCH, or `all` of them (a second reader: 125 clicks for a family
  // of 1,000): of those the filters show. The panel then says what it holds.
  function unfold(summary, all) {
    var rest = wanted(summary).filter(function (id) { return folded[id]; });
    var next = all ? rest : rest.slice(0, BATCH);
    next.forEach(function (id) { delete folded[id]; });
    panelSummary = summary;
    refresh(); // and the panel says what the summary holds now
    return next;
  }

  // The panel of a summary: what it holds and buttons to open the next BATCH or all the rest.
  var panelSummary = null; // the summary the panel shows, if it shows one

  function summaryPanel(summary) {
    panelSummary = summary;
    clear(panel);
    panel.classList.remove("ll-empty");
    var lines = summary.label.split("\n");
    var heading = element("h2", lines[0]);
    heading.tabIndex = -1;
    panel.appendChild(heading);
    lines.slice(1).forEach(function (line) { panel.appendChild(element("p", line)); });
    var members = wanted(summary);
    var rest = members.filter(function (id) { return folded[id]; }).length;
    panel.appendChild(element("p", !members.length ? "Nobody here the filters show."
      : !rest ? "all " + members.length + " shown"
        : members.length - rest + " shown, " + rest + " more"));
    [[Math.min(BATCH, rest), "Show the closest " + Math.min(BATCH, rest), false],
     [rest > BATCH ? rest : 0, "Show all " + rest, true]].forEach(function (one) {
      if (!one[0]) {
        return;
      }
      var button = element("button", one[1]);
      button.type = "button";
      button.addEventListener("click", function () {
        unfold(summary, one[2]);
        (panel.querySelector("button") || heading).focus();
      });
      panel.appendChild(button);
    });
  }

  // The node under the pointer: an event's `nodes` are the selection, which the panel widens.
  function at(params) {
    return network.getNodeAt(params.pointer.DOM);
  }

  network.on("click", function (params) {
    var id = at(params);
    if (summaries[id]) {
      unfold(summaries[id], false);
    } else if (people[id]) {
      open(id);
    } else if (id === undefined) {
      emphasise([]);
    }
  });

  network.on("doubleClick", function (params) {
    var id = at(params);
    if (people[id]) {
      centreOn(id);
      open(id);
    }
  });

  function search(text) {
    var wanted = text.trim().toLowerCase();
    return !wanted ? [] : order.filter(function (id) {
      return people[id].llName.toLowerCase().indexOf(wanted) >= 0;
    });
  }

  // A button that chooses someone: their name, and what else is said of them in brackets.
  function personButton(id, said) {
    var words = said.filter(function (one) { return one; });
    var button = element("button", people[id].llName +
                         (words.length ? " (" + words.join(", ") + ")" : ""));
    button.type = "button";
    button.addEventListener("click", function () { choose(id); });
    return button;
  }

  // What a button says of someone besides their name: what the map draws as colour and marks.
  function saidOf(node) {
    return [
      node.llCentre ? "young person" : node.llRelation,
      node.llLiving ? null : "deceased",
      node.llFlags.length ? "safety flag" : null,
      node.llRestricted ? "court order" : null,
      node.llWish && !node.llCentre && node.llWish !== "wants contact" ? "wish: " + node.llWish : null,
    ];
  }

  function listMatches() {
    clear(matches);
    var found = search(find.value);
    found.slice(0, MAX_MATCHES).forEach(function (id) {
      matches.appendChild(personButton(id, saidOf(people[id])));
    });
    foundWords.textContent = !find.value.trim() ? "" : !found.length ? "nobody of that name"
      : found.length + (found.length === 1 ? " person found" : " people found");
    if (found.length > MAX_MATCHES) {
      matches.appendChild(element("span", "and " + (found.length - MAX_MATCHES) + " more", "hint"));
    }
    return found;
  }

  find.addEventListener("input", listMatches);

  // The map as a list, for a keyboard or a screen reader (to them the canvas is one picture):
  // everyone the filters let through, folded or not, by colour group, each a button that shows
  // them on the map and in the panel. Made when the list is opened, and again whenever the map
  // changes while it is open.
  function listEveryone() {
    clear(everyoneList);
    if (!everyone.open) {
      return;
    }
    page.groups.forEach(function (group) {
      var ids = order.filter(function (id) {
        return people[id].llGroup === group[0] && passes(people[id]);
      });
      if (!ids.length) {
        return;
      }
      everyoneList.appendChild(element("h2", group[1] + " (" + ids.length + ")"));
      var ul = element("ul");
      ids.forEach(function (id) {
        var item = element("li");
        item.appendChild(personButton(id, saidOf(people[id])));
        ul.appendChild(item);
      });
      everyoneList.appendChild(ul);
    });
  }
  everyone.addEventListener("toggle", listEveryone);
  document.getElementById("ll-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = search(find.value)[0];
    if (first !== undefined) {
      choose(first);
    }
  });

  // Where each shown person's box and label reach, in map units, for the first view.
  function extent(node) {
    var position = network.getPosition(node.id);
    if (node.shape === "box") {
      return network.getBoundingBox(node.id);
    }
    var lines = node.label ? node.label.split("\n") : [];
    var half = Math.max.apply(null, [node.size].concat(lines.map(function (line) {
      return width(line) / 2;
    })));
    return { left: position.x - half, right: position.x + half, top: position.y - node.size,
             bottom: position.y + node.size + 4 + lines.length * page.font * 1.2 };
  }

  // The first view: the largest readable scale that shows everything, the young person at the
  // centre or, if that lets more fit, up to SHIFT of the view's size off it; if nothing readable
  // fits, the smallest readable scale, moved towards the rest of the map by as much.
  // Fitted to the part of the map the window shows when everything fits there readably (a
  // second reader: at 1280x720 a family of nine had its parents below the window); otherwise,
  // and in a frame whose page is told the map's height (it grows the frame), to the whole box,
  // so that what does not fit is below the window, where scrolling shows it, never cut off at
  // the box's top (a third reader).
  var band = null; // the part of the box the first view was fitted to: top and height, DOM px
  // In a frame whose page is told the map's height (`tellParent`).
  var inFrame = Boolean(page.parentOrigin) && window.parent !== window;

  function inWindow() {
    var h = container.clientHeight;
    var top = container.getBoundingClientRect().top;
    var room = Math.min(h, window.innerHeight - Math.max(top, 0));
    return { top: Math.max(-top, 0), height: room };
  }

  function firstView() {
    var home = people[page.youngPerson] ? network.getPosition(page.youngPerson) : { x: 0, y: 0 };
    var all = { left: home.x, right: home.x, top: home.y, bottom: home.y };
    list.forEach(function (node) {
      if (visible[node.id]) {
        var box = extent(node);
        all = { left: Math.min(all.left, box.left), right: Math.max(all.right, box.right),
                top: Math.min(all.top, box.top), bottom: Math.max(all.bottom, box.bottom) };
      }
    });
    // Where the view's centre goes along one axis: as near the young person as lets the map
    // from `low` to `high` fit, and whether it fits.
    function place(scale, room, low, high, middle) {
      var reach = SHIFT * room / scale;
      var half = (room / 2 - PAD) / scale;
      var fits = high - half <= low + half;
      var to = fits ? Math.min(Math.max(middle, high - half), low + half) : (low + high) / 2;
      var at = Math.min(Math.max(to, middle - reach), middle + reach);
      return { to: at, fits: fits && Math.abs(to - middle) <= reach,
               shows: at - half <= low + 0.5 && high - 0.5 <= at + half };
    }
    function fitted(part) {
      function view(scale) {
        var x = place(scale, container.clientWidth, all.left, all.right, home.x);
        var y = place(scale, part.height, all.top, all.bottom, home.y);
        // The view's middle is the box's: the part's middle is this far above or below it.
        var off = (container.clientHeight / 2 - part.top - part.height / 2) / scale;
        return { position: { x: x.to, y: y.to + off }, scale: scale, fits: x.fits && y.fits,
                 shows: x.shows && y.shows };
      }
      var best = view(READABLE);
      for (var scale = MAX_SCALE; best.fits && scale > READABLE; scale -= 0.01) {
        if (view(scale).fits) {
          best = view(scale);
          break;
        }
      }
      return best;
    }
    var whole = { top: 0, height: container.clientHeight };
    var shown = inWindow();
    var best = null;
    band = whole;
    if (!inFrame && shown.height > 0 && shown.height < whole.height) {
      best = fitted(shown);
      if (best.shows) {
        band = shown;
      }
    }
    if (band === whole) {
      best = fitted(whole);
    }
    network.moveTo({ position: best.position, scale: best.scale });
    bringSummariesIn(best, !inFrame && shown.height > 0 ? shown : whole);
  }

  function overlapping(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // A summary is the only way to open the rest of its side: one the first view would cut (a
  // second reader: at 800 and 1024 px windows "Mum's side" and "Dad's side" were, the view no
  // smaller than READABLE) is moved into `part` of the view, at the edge on its side, up or
  // down to where it covers no one shown and no other summary; where `part` has no such place,
  // into the rest of the map's box, below the window, where scrolling shows it.
  function bringSummariesIn(view, part) {
    var scale = view.scale;
    var halfWidth = (container.clientWidth / 2 - PAD) / scale;
    function room(top, height) {
      function mapY(y) {
        return (y - container.clientHeight / 2) / scale + view.position.y;
      }
      return { left: view.position.x - halfWidth, right: view.position.x + halfWidth,
               top: mapY(top + PAD), bottom: mapY(top + height - PAD) };
    }
    var rooms = [room(part.top, part.height), room(0, container.clientHeight)];
    var taken = [];
    var outside = [];
    list.forEach(function (node) {
      if (!visible[node.id]) {
        return;
      }
      var box = extent(node);
      if (node.llSummary && !(rooms[0].left <= box.left && box.right <= rooms[0].right &&
                              rooms[0].top <= box.top && box.bottom <= rooms[0].bottom)) {
        outside.push(node.id);
      } else {
        taken.push(box);
      }
    });
    var GAP = 8 / scale;
    function within(value, low, high) {
      return low > high ? (low + high) / 2 : Math.min(Math.max(value, low), high);
    }
    outside.forEach(function (id) {
      var box = network.getBoundingBox(id);
      var w = box.right - box.left;
      var h = box.bottom - box.top;
      var at = network.getPosition(id);
      var x = within(at.x, rooms[0].left + w / 2, rooms[0].right - w / 2);
      function placed(cy) {
        return { left: x - w / 2 - GAP, right: x + w / 2 + GAP, top: cy - h / 2 - GAP,
                 bottom: cy + h / 2 + GAP };
      }
      // The free place in `inside` nearest the summary's own height, or null.
      function spot(inside) {
        var start = within(at.y, inside.top + h / 2, inside.bottom - h / 2);
        var step = Math.max(h / 4, 4);
        function free(cy) {
          return cy - h / 2 >= inside.top - 0.5 && cy + h / 2 <= inside.bottom + 0.5 &&
            !taken.some(function (other) { return overlapping(placed(cy), other); });
        }
        for (var i = 0; i * step <= inside.bottom - inside.top; i++) {
          if (free(start + i * step)) {
            return start + i * step;
          }
          if (free(start - i * step)) {
            return start - i * step;
          }
        }
        return null;
      }
      var y = spot(rooms[0]);
      if (y === null) {
        y = spot(rooms[1]);
      }
      if (y === null) {
        y = within(at.y, rooms[0].top + h / 2, rooms[0].bottom - h / 2);
      }
      network.moveNode(id, x, y);
      taken.push(placed(y));
    });
  }

  // The ids of the nodes vis-network draws in the view as it stands: those of one drawing,
  // made now. vis-network sizes the label of a node it does not draw (outside the view)
  // without placing it, so that label's box stands wherever it was last drawn, or at the map's
  // origin if it never was (a second reader: 400 labels "in view" on a tree showing 7).
  function drawnNodes() {
    var drawn = {};
    var ids = network.body.nodeIndices.slice();
    ids.forEach(function (id) {
      var node = network.body.nodes[id];
      var draw = node.draw;
      node.draw = function () {
        drawn[id] = true;
        return draw.apply(node, arguments);
      };
    });
    try {
      network.redraw();
    } finally {
      ids.forEach(function (id) { delete network.body.nodes[id].draw; });
    }
    return drawn;
  }

  // Test hooks and tools: the labels drawn now in the part of the map the first view was
  // fitted to, in DOM px relative to the map.
  function labels() {
    var drawn = drawnNodes();
    var scale = network.getScale();
    var w = container.clientWidth;
    var part = band || { top: 0, height: container.clientHeight };
    var top = part.top;
    var h = part.top + part.height;
    var out = [];
    network.body.nodeIndices.forEach(function (id) {
      var node = network.body.nodes[id];
      var size = node.labelModule.size;
      var px = node.options.font.size * scale;
      if (!drawn[id] || !node.options.label || px < page.drawThreshold - 1 ||
          !isFinite(size.left)) {
        return;
      }
      var a = network.canvasToDOM({ x: size.left, y: size.top });
      var b = network.canvasToDOM({ x: size.left + size.width, y: size.top + size.height });
      if (b.x > 0 && a.x < w && b.y > top && a.y < h) {
        out.push({ id: id, text: node.options.label.split(NBSP).join(" "), px: px,
                   left: a.x, top: a.y, right: b.x, bottom: b.y });
      }
    });
    return out;
  }

  function centre() {
    var p = network.canvasToDOM(network.getPosition(page.youngPerson));
    var w = container.clientWidth;
    var part = band || { top: 0, height: container.clientHeight };
    var h = part.height;
    return { dx: (p.x - w / 2) / w, dy: (p.y - part.top - h / 2) / h };
  }

  // Inside an iframe, tell the embedding page (and only that origin) how tall the map is.
  function tellParent() {
    if (inFrame) {
      window.parent.postMessage(
        { type: "lifelong-links:height", height: document.documentElement.scrollHeight },
        page.parentOrigin
      );
    }
  }

  var drawings = 0;
  network.on("afterDrawing", function () {
    drawings += 1;
    if (drawings === 1) {
      firstView(); // asks for another drawing, at the first view's scale
    } else if (drawings === 2) {
      window.llSettledAt = performance.now();
      window.llReady = true;
      tellParent();
    }
  });
  if (window.ResizeObserver) {
    new ResizeObserver(tellParent).observe(document.body);
  }
  // Printed, the map is as wide as the page (network.html): its canvas is sized again before
  // it is printed, and back after.
  function resized() {
    network.redraw();
  }
  window.addEventListener("beforeprint", resized);
  window.addEventListener("afterprint", resized);
  if (window.matchMedia) {
    window.matchMedia("print").addEventListener("change", resized);
  }

  shown.textContent = counts().nodes + " people shown";
  window.llMap = {
    network: network,
    nodes: nodes,
    edges: edges,
    counts: counts,
    labels: labels,
    centre: centre,
    lines: drawnLines,
    open: open,
    panel: function () { return panel.innerText; },
    highlighted: function () { return network.getSelectedNodes(); },
    visible: function (id) { return Boolean(visible[id]); },
    search: function (text) { find.value = text; return listMatches(); },
    choose: choose,
    unfold: function (id) { return summaries[id] ? unfold(summaries[id], false) : []; },
    unfoldAll: function (id) { return summaries[id] ? unfold(summaries[id], true) : []; },
  };
})();
