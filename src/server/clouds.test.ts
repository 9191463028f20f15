/**
 * Each cloud's Bot Framework service hosts, as the bot's serviceUrl check applies them outside local mode.
 */
import { describe, expect, it } from "vitest";
import { isServiceUrlAllowed } from "../../bot/middleware/serviceUrlFilter.js";
import { CLOUDS, type CloudName } from "./clouds.js";

describe("with an app id: the configured cloud's Bot Framework service only", () => {
  const policy = (cloud: CloudName) => ({ loopbackOnly: false, hosts: CLOUDS[cloud].botFramework.serviceUrlHosts });

  it.each<[CloudName, string]>([
    ["Public", "https://smba.trafficmanager.net/amer/"],
    ["Public", "https://smba.trafficmanager.net/teams/"],
    ["Public", "https://SMBA.trafficmanager.net/emea/7f1c2a4e-0b8d-4c1e-9a51-3d2f6b8e1a01/"],
    ["GCC", "https://smba.infra.gcc.teams.microsoft.com/teams"],
    ["USGov", "https://smba.infra.gov.teams.microsoft.us/teams"],
    ["USGovDoD", "https://smba.infra.dod.teams.microsoft.us/teams"],
  ])("%s accepts %s", (cloud, url) => {
    expect(isServiceUrlAllowed(url, policy(cloud))).toBe(true);
  });

  it.each<[CloudName, string]>([
    ["Public", "http://smba.trafficmanager.net/amer/"],
    ["Public", "https://smba.trafficmanager.net:8443/amer/"],
    ["Public", "https://smba.trafficmanager.net.evil.example/amer/"],
    ["Public", "https://evil.example/smba.trafficmanager.net/"],
    ["Public", "http://127.0.0.1:56150/"],
    ["Public", "https://smba.infra.gcc.teams.microsoft.com/teams"],
    ["GCC", "https://smba.trafficmanager.net/amer/"],
    ["USGov", "https://smba.trafficmanager.net/amer/"],
    ["USGov", "https://smba.infra.dod.teams.microsoft.us/teams"],
    ["USGovDoD", "https://smba.infra.gov.teams.microsoft.us/teams"],
  ])("%s refuses %s", (cloud, url) => {
    expect(isServiceUrlAllowed(url, policy(cloud))).toBe(false);
  });
});
