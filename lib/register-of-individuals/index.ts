import { demoRegister } from './demo'
import type { RegisterOfIndividuals } from './port'

export type { IndividualLookup, RegisteredIndividual, RegisterOfIndividuals } from './port'

// The adapters the app knows, by the name REGISTER_OF_INDIVIDUALS gives (default: the demo register inside the app).
// A connection to the national register is added here as a second entry.
const adapters: Record<string, RegisterOfIndividuals> = { demo: demoRegister }

export function registerOfIndividuals(setting = process.env.REGISTER_OF_INDIVIDUALS): RegisterOfIndividuals {
  const name = setting?.trim() || 'demo'
  const adapter = adapters[name]
  if (!adapter) throw new Error(`REGISTER_OF_INDIVIDUALS=${name}: no such adapter (known: ${Object.keys(adapters).join(', ')})`)
  return adapter
}
