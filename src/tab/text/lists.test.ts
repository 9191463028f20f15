import { describe, expect, it } from "vitest";
import { splitList } from "./lists.js";

describe("splitList", () => {
  it("trims, drops blanks and repeats, keeps order", () => {
    expect(splitList(" data, evaluation,, data ,")).toEqual(["data", "evaluation"]);
    expect(splitList("   ")).toEqual([]);
  });
});
