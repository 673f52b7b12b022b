import { organizations, patients } from '@/db/schema'

// The columns a form's clinic header and patient lines are drawn from: the documents of a decided request
// (./create) and the coupon of a request decided before documents existed (lib/services/attachment/coupon).
export const clinicHeaderColumns = {
  nameKk: organizations.nameKk,
  nameRu: organizations.nameRu,
  addressKk: organizations.addressKk,
  addressRu: organizations.addressRu,
}

export const patientLineColumns = {
  iin: patients.iin,
  lastName: patients.lastName,
  firstName: patients.firstName,
  middleName: patients.middleName,
  birthDate: patients.birthDate,
}
