/**
 * The tab's catalogs, one chunk per locale, built by src/i18n/vitePlugin.ts. Only the shown locale's chunk is
 * downloaded.
 */
import type { MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import type { AnyLocale } from "../../i18n/locales.js";

export type TabMessages = Record<string, MessageFormatElement[]>;

const LOADERS: Record<AnyLocale, () => Promise<{ default: TabMessages }>> = {
  "en-AU": () => import("virtual:guildhall-messages/en-AU"),
  "en-US": () => import("virtual:guildhall-messages/en-US"),
  "fr-CA": () => import("virtual:guildhall-messages/fr-CA"),
  "en-XA": () => import("virtual:guildhall-messages/en-XA"),
};

export async function loadMessages(locale: AnyLocale): Promise<TabMessages> {
  return (await LOADERS[locale]()).default;
}
