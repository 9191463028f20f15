/**
 * A throwaway self-signed certificate for 127.0.0.1, made with the machine's openssl. Stand-ins that must
 * be reached over HTTPS (msal-node refuses an http:// authority, as Entra is HTTPS only) serve with it, and
 * the server under test trusts it through NODE_EXTRA_CA_CERTS, the way an agency adds its own CA.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface LocalCertificate {
  key: string;
  cert: string;
  /** Path of the certificate in PEM, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
}

export function localCertificate(): LocalCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), "guildhall-tls-"));
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", certFile, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
    { stdio: "ignore" },
  );
  return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), certFile };
}
