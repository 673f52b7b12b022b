// The desk forms' dense controls (a registrar fills them all day) and how a control points at its error.
export const control =
  'block w-full rounded border border-slate-400 bg-white px-2 py-1 text-sm aria-[invalid=true]:border-red-600'
export const label = 'mb-1 block text-sm font-bold text-slate-700'

export const invalid = (message: string | undefined, id: string) => ({
  'aria-invalid': message ? true : undefined,
  'aria-describedby': message ? `${id}-error` : undefined,
})
