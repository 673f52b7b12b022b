import { sql } from 'drizzle-orm'
import { patients, staff } from './schema'

// A person's full name as every list and form prints it: surname, name, patronymic (when there is one).
export const patientFullName = sql<string>`concat_ws(' ', ${patients.lastName}, ${patients.firstName}, ${patients.middleName})`
export const staffFullName = sql<string>`concat_ws(' ', ${staff.lastName}, ${staff.firstName}, ${staff.middleName})`
