// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Prose } from "./Prose.js";

afterEach(cleanup);

describe("Prose", () => {
  it("renders its content", () => {
    render(
      <Prose>
        <h2>Heading</h2>
        <p>Text</p>
      </Prose>,
    );
    expect(screen.getByRole("heading", { level: 2, name: "Heading" })).toBeTruthy();
  });
});
