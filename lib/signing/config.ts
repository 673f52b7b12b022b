// Signing configuration, read from the environment at call time (tests and the bench pass their own).
export type SigningConfig = {
  demoPki: boolean // DEMO_PKI !== 'off': the demo CA issues certificates and its root is trusted
  demoSigningPin: string // DEMO_SIGNING_PIN: the PIN a lazily issued demo certificate's key is sealed with
  trustedRootsFile: string | null // TRUSTED_ROOTS_FILE: PEM bundle of further trusted roots (e.g. the national CA)
  ncanodeUrl: string | null // NCANODE_URL: NCANode server for GOST signatures
}

export function signingConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SigningConfig {
  return {
    demoPki: env.DEMO_PKI !== 'off',
    demoSigningPin: env.DEMO_SIGNING_PIN || '123456',
    trustedRootsFile: env.TRUSTED_ROOTS_FILE || null,
    ncanodeUrl: env.NCANODE_URL || null,
  }
}

export function signingConfig(overrides: Partial<SigningConfig> = {}): SigningConfig {
  return { ...signingConfigFromEnv(), ...overrides }
}
