/** What /r says after a guest form posts back; only these fixed texts are ever shown. */
export const GUEST_NOTICES: Record<string, { tone: 'success' | 'error'; text: string }> = {
  message_sent: { tone: 'success', text: 'Your message was sent to the hospital.' },
  uploaded: { tone: 'success', text: 'Thank you. Your files were added to the referral.' },
  answered: {
    tone: 'success',
    text: 'Thank you. Your files were added and the hospital has been told the information is in.',
  },
  code_sent: { tone: 'success', text: 'We emailed you a new code.' },
  wrong_code: { tone: 'error', text: 'That code is not right. Check the email and try again.' },
  validation_failed: { tone: 'error', text: 'Please check what you entered and try again.' },
  payload_too_large: { tone: 'error', text: 'Files can be up to 25 MB each, 60 MB together.' },
  unsupported_media_type: {
    tone: 'error',
    text: 'Attach PDF, image, DICOM or plain-text files only.',
  },
  rate_limited: { tone: 'error', text: 'Too many attempts. Please wait a few minutes.' },
  forbidden: { tone: 'error', text: 'That request was refused.' },
  not_found: { tone: 'error', text: 'That item is not available.' },
  invalid_transition: { tone: 'error', text: 'The referral has moved on; please reload.' },
  conflict: { tone: 'error', text: 'The referral has changed; please reload.' },
  unavailable: { tone: 'error', text: 'The service is briefly unavailable. Try again shortly.' },
  internal: { tone: 'error', text: 'Something went wrong on our side. Please try again.' },
};
