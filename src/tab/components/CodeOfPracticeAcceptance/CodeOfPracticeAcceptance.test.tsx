// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/client.js";
import { renderIn } from "../../testing/intl.js";
import { CodeOfPracticeAcceptance } from "./CodeOfPracticeAcceptance.js";

afterEach(cleanup);

const props = { codeOfPractice: "Be kind.\nShare nothing above OFFICIAL.", codeVersion: 3, acceptedVersion: 2 };

describe("CodeOfPracticeAcceptance", () => {
  it("shows the new code under its own heading and accepts the version shown", async () => {
    const onAccept = vi.fn(async () => undefined);
    render(<CodeOfPracticeAcceptance {...props} onAccept={onAccept} />);
    expect(screen.getByRole("region", { name: "The code of practice has changed (version 3)" })).toBeTruthy();
    const region = screen.getByRole("region", { name: "Code of practice, version 3" });
    expect(region.textContent).toContain("Share nothing above OFFICIAL.");
    expect(screen.getByText(/since you accepted version 2/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Accept the code of practice" }));
    await waitFor(() => expect(onAccept).toHaveBeenCalledWith(3));
  });

  it("says why when the code changed again meanwhile", async () => {
    const onAccept = vi.fn(async () => {
      throw new ApiError(409, "community.code_changed", "The code of practice has changed since you read it; read it again and accept.");
    });
    render(<CodeOfPracticeAcceptance {...props} onAccept={onAccept} />);
    fireEvent.click(screen.getByRole("button", { name: "Accept the code of practice" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/has changed since you read it/);
  });

  it("speaks French (fr-CA)", async () => {
    renderIn("fr-CA", <CodeOfPracticeAcceptance {...props} onAccept={vi.fn()} />);
    expect(await screen.findByRole("heading", { name: "Le code de pratique a changé (version 3)" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Accepter le code de pratique" })).toBeTruthy();
  });
});
