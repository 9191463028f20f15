// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PlainText } from "./PlainText.js";

afterEach(cleanup);

describe("PlainText", () => {
  it("shows markup as text and keeps line breaks", () => {
    const text = "First rule\n<b>not bold</b> <img src=x onerror=alert(1)>";
    const { container } = render(<PlainText text={text} />);
    expect(screen.getByText(/not bold/).textContent).toBe(text);
    expect(container.querySelector("b, img")).toBeNull();
  });
});
