import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "./hosts.js";

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"])("%s is this machine", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(["0.0.0.0", "10.0.0.1", "127.0.0.1.evil.example", "localhost.evil.example", "evil.example", "::", "[::ffff:7f00:1]x", "128.0.0.1", ""])("%s is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
