import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { detectHost } from "./host/detect.js";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

const host = await detectHost();
createRoot(container).render(
  <StrictMode>
    <App host={host} />
  </StrictMode>,
);
