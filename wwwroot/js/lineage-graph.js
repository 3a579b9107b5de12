// The lineage graph page's canvas: cytoscape.js draws what the page sends (nodes and edges as JSON; labels are text
// drawn on a canvas, never HTML), dagre lays it out left to right (upstream on the left), and taps go back to .NET.
// Served by the portal (CSP script-src 'self'); the two libraries are loaded on first use, only on this page.

const libs = ["../lib/cytoscape/cytoscape.min.js", "../lib/cytoscape-dagre/cytoscape-dagre.min.js"];
let loading;

function loadScript(path) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(path, import.meta.url).href;
    script.onload = resolve;
    script.onerror = () => reject(new Error("Could not load " + path));
    document.head.appendChild(script);
  });
}

// In order: the dagre extension registers itself against the global cytoscape.
function loadLibraries() {
  loading ??= (async () => {
    for (const path of libs) await loadScript(path);
    globalThis.cytoscape.use(globalThis.cytoscapeDagre);
  })();
  return loading;
}

// Lanes of the timeline, top to bottom, in the order things are made.
const lanes = ["person", "source-file", "dataset", "snapshot", "job-run", "run", "model-version", "deployment", "app",
  "chart", "dashboard", "prediction"];

// Colours by node type; the page's legend (LineageColours.cs) shows the same ones.
const colours = {
  "source-file": "#8d6e63", dataset: "#6d4c41", snapshot: "#1e88e5", run: "#8e24aa", "model-version": "#3949ab",
  deployment: "#00897b", app: "#43a047", dashboard: "#f4511e", chart: "#fb8c00", "job-run": "#546e7a",
  prediction: "#c0ca33", person: "#757575",
};

const style = [
  { selector: "node", style: {
    label: "data(label)", "background-color": (n) => colours[n.data("type")] ?? "#9e9e9e", color: "#212121",
    "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "ellipsis", "text-max-width": 140,
    width: 22, height: 22 } },
  { selector: "node[?group]", style: { shape: "round-rectangle", width: 44, "border-width": 2, "border-style": "dashed",
    "border-color": "#424242" } },
  { selector: "node[?start]", style: { "border-width": 4, "border-color": "#212121" } },
  { selector: "edge", style: { width: 1.5, "line-color": "#b0bec5", "target-arrow-color": "#b0bec5",
    "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.8 } },
  { selector: ".faded", style: { opacity: 0.15 } },
  { selector: "node.selected", style: { "border-width": 4, "border-color": "#d81b60" } },
  { selector: "edge.upstream", style: { "line-color": "#1e88e5", "target-arrow-color": "#1e88e5", width: 3 } },
  { selector: "edge.downstream", style: { "line-color": "#e53935", "target-arrow-color": "#e53935", width: 3 } },
];

const flow = { name: "dagre", rankDir: "LR", nodeSep: 18, rankSep: 90, animate: false, fit: true, padding: 30 };

// x by the time a node was made (the earliest edge that reached it, else the earliest it sent), y by its type's
// lane; nodes without a time stand in a column left of the earliest. A preset layout: positions, not an algorithm.
function timelinePositions(cy, width) {
  const times = new Map();
  cy.edges().forEach((e) => {
    const at = e.data("at");
    if (at == null) return;
    for (const [id, weight] of [[e.data("target"), 0], [e.data("source"), 1]]) {
      const known = times.get(id);
      if (!known || weight < known.weight || (weight === known.weight && at < known.at)) times.set(id, { at, weight });
    }
  });
  const values = [...times.values()].map((t) => t.at);
  const min = Math.min(...values), max = Math.max(...values), span = Math.max(max - min, 1);
  const perLane = new Map();
  return (node) => {
    const lane = Math.max(lanes.indexOf(node.data("type")), 0);
    const t = times.get(node.id());
    const x = t ? ((t.at - min) / span) * width : -160;
    // Nodes of one lane at one time would overlap: step them down a little.
    const slot = `${lane}:${Math.round(x / 20)}`;
    const n = perLane.get(slot) ?? 0;
    perLane.set(slot, n + 1);
    return { x, y: lane * 90 + n * 18 };
  };
}

export async function create(element, dotnet) {
  await loadLibraries();
  const cy = globalThis.cytoscape({ container: element, style, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4 });
  let mode = "flow";

  // Upstream paths in blue, downstream in red, everything else faded.
  function highlight(key) {
    cy.elements().removeClass("faded selected upstream downstream");
    element.dataset.selected = "";
    const node = key ? cy.getElementById(key) : null;
    if (!node || node.empty()) return;
    const up = node.predecessors(), down = node.successors();
    cy.elements().not(up).not(down).not(node).addClass("faded");
    up.edges().addClass("upstream");
    down.edges().addClass("downstream");
    node.addClass("selected");
    element.dataset.selected = key;
  }

  function layout() {
    const started = performance.now();
    const options = mode === "timeline"
      ? { name: "preset", positions: timelinePositions(cy, Math.max(600, cy.nodes().length * 12)), fit: true, padding: 30 }
      : flow;
    cy.layout(options).run();
    // A graph of a few nodes would fill the canvas with giant discs: fit, but not closer than this.
    if (cy.zoom() > 1.3) {
      cy.zoom(1.3);
      cy.center();
    }
    element.dataset.layoutMs = Math.round(performance.now() - started);
  }

  cy.on("tap", "node", (e) => dotnet.invokeMethodAsync("NodeSelected", e.target.id()));
  cy.on("dbltap", "node", (e) => dotnet.invokeMethodAsync("NodeExpanded", e.target.id()));

  const api = {
    // Replaces what is drawn. data: { start, selected, nodes: [{ key, type, id, label, group }], edges: [{ from, to, kind, at }] }
    draw(data) {
      const started = performance.now();
      cy.batch(() => {
        cy.elements().remove();
        cy.add(data.nodes.map((n) => ({ group: "nodes", data: { id: n.key, type: n.type, label: n.label, group: n.group, start: n.key === data.start } })));
        cy.add(data.edges.map((e, i) => ({ group: "edges", data: { id: "e" + i, source: e.from, target: e.to, kind: e.kind, at: e.at } })));
      });
      layout();
      highlight(data.selected);
      // Test hooks: what is drawn and how long it took.
      element.dataset.nodes = cy.nodes().length;
      element.dataset.edges = cy.edges().length;
      element.dataset.drawMs = Math.round(performance.now() - started);
      element.dataset.mode = mode;
    },
    select(key) { highlight(key); },
    setMode(next) { mode = next; layout(); element.dataset.mode = mode; },
    fit() { cy.fit(undefined, 30); },
    zoom(factor) {
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: element.clientWidth / 2, y: element.clientHeight / 2 } });
    },
    // The screen position of a node, so a test can click it like a person would.
    position(key) {
      const node = cy.getElementById(key);
      if (node.empty()) return null;
      const p = node.renderedPosition(), box = element.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
    // Test hook: the keys drawn, so a test can find a node to click.
    keys() { return cy.nodes().map((n) => n.id()); },
    dispose() { cy.destroy(); delete element.lineageGraph; },
  };
  // Test hook: the E2E journey reaches the drawing through its element (no global).
  element.lineageGraph = api;
  return api;
}
