// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { detailFor } from "../../testing/fixtures.js";
import { CommunityAbout } from "./CommunityAbout.js";

afterEach(cleanup);

describe("CommunityAbout", () => {
  it("shows the terms and code as plain text with their line breaks", () => {
    render(<CommunityAbout community={detailFor({ termsOfReference: "Line one\n<script>alert(1)</script>" })} />);
    const about = screen.getByRole("region", { name: "About" });
    expect(within(about).getByRole("heading", { level: 3, name: "Terms of reference" })).toBeTruthy();
    expect(within(about).getByText(/Line one/).textContent).toBe("Line one\n<script>alert(1)</script>");
    expect(about.querySelector("script")).toBeNull();
    expect(within(about).getByRole("heading", { level: 3, name: "Code of practice (version 2)" })).toBeTruthy();
  });
});
