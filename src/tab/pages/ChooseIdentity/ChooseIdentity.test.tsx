// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChooseIdentity } from "./ChooseIdentity.js";

afterEach(cleanup);

describe("ChooseIdentity", () => {
  it("offers the demo people under one heading", () => {
    const onChoose = vi.fn();
    render(
      <ChooseIdentity
        identities={[{ key: "tom", displayName: "Tom Nguyen", description: "Finance · public servant", email: "", jobTitle: "" }]}
        onChoose={onChoose}
      />,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Choose a demo identity" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /Tom Nguyen/ }));
    expect(onChoose).toHaveBeenCalledWith("tom");
  });
});
