/**
 * Who signs the credentials: the platform as an Open Badges issuer. Its `id` is a URL (the
 * `iss` of every VC-JWT), so a verifier knows whose JWK Set it checks the signature against.
 */
export interface IssuerProfile {
  readonly id: string;
  readonly name: string;
}
