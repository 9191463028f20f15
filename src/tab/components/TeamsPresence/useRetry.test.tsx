// @vitest-environment jsdom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../api/client.js";
import { useRetry } from "./useRetry.js";

afterEach(cleanup);

describe("useRetry", () => {
  it("is busy while the action runs, keeps the reason it failed, and clears it on the next try", async () => {
    const outcomes: { settle(): void; fail(e: unknown): void }[] = [];
    const action = () => new Promise<void>((settle, fail) => void outcomes.push({ settle, fail }));
    const { result } = renderHook(() => useRetry(action));
    expect(result.current).toMatchObject({ busy: false, problem: undefined });

    let first!: Promise<void>;
    act(() => void (first = result.current.retry()));
    expect(result.current.busy).toBe(true);
    await act(async () => {
      outcomes[0]!.fail(new ApiError(409, "community.archive_not_failed", "Archiving in Teams has not failed; there is nothing to retry."));
      await first;
    });
    expect(result.current).toMatchObject({ busy: false, problem: "Archiving in Teams has not failed; there is nothing to retry." });

    let second!: Promise<void>;
    act(() => void (second = result.current.retry()));
    expect(result.current).toMatchObject({ busy: true, problem: undefined });
    await act(async () => {
      outcomes[1]!.settle();
      await second;
    });
    expect(result.current).toMatchObject({ busy: false, problem: undefined });
    expect(outcomes).toHaveLength(2);
  });
});
