//! Reading a profile out of resume text: contact details, links, work history, education,
//! certifications, spoken languages and skills, in English, French, Spanish, German and
//! Portuguese.
