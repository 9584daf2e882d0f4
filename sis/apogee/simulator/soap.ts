// SOAP 1.1 document/literal (wrapped) for the simulator: the WSDL of a service, the parsing of a
// request envelope and the writing of responses and WebBaseException faults, all driven by the
// service descriptions of services.ts.
import { XMLParser } from 'fast-xml-parser';
import { SIMPLE_TYPES, type Field, type ServiceDef } from './services.ts';

const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export const escapeXml = (value: string) => value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

function xsdFields(fields: readonly Field[], indent: string): string {
  return fields
    .map(([name, type, many]) => {
      const t = SIMPLE_TYPES.has(type) ? `xsd:${type}` : `tns:${type}`;
      return `${indent}<xsd:element name="${name}" type="${t}" minOccurs="0" ${many ? 'maxOccurs="unbounded"' : 'nillable="true"'}/>`;
    })
    .join('\n');
}

/** The WSDL of one service, its endpoint at `location`. */
export function wsdl(service: ServiceDef, location: string): string {
  const complexTypes = Object.entries(service.types)
    .map(
      ([name, fields]) =>
        `      <xsd:complexType name="${name}">\n        <xsd:sequence>\n${xsdFields(fields, '          ')}\n        </xsd:sequence>\n      </xsd:complexType>`,
    )
    .join('\n');
  const wrappers = service.operations
    .flatMap(
      (op) =>
        [
          [op.name, op.input],
          [`${op.name}Response`, op.output],
        ] as const,
    )
    .map(
      ([name, fields]) =>
        `      <xsd:element name="${name}">\n        <xsd:complexType>\n          <xsd:sequence>\n${xsdFields(fields, '            ')}\n          </xsd:sequence>\n        </xsd:complexType>\n      </xsd:element>`,
    )
    .join('\n');
  const messages = service.operations
    .map(
      (op) =>
        `  <wsdl:message name="${op.name}Request">\n    <wsdl:part name="parameters" element="tns:${op.name}"/>\n  </wsdl:message>\n` +
        `  <wsdl:message name="${op.name}Response">\n    <wsdl:part name="parameters" element="tns:${op.name}Response"/>\n  </wsdl:message>`,
    )
    .join('\n');
  const portOps = service.operations
    .map(
      (op) =>
        `    <wsdl:operation name="${op.name}">\n      <wsdl:input message="tns:${op.name}Request"/>\n      <wsdl:output message="tns:${op.name}Response"/>\n      <wsdl:fault name="WebBaseException" message="tns:WebBaseException"/>\n    </wsdl:operation>`,
    )
    .join('\n');
  const bindingOps = service.operations
    .map(
      (op) =>
        `    <wsdl:operation name="${op.name}">\n      <wsdlsoap:operation soapAction=""/>\n      <wsdl:input><wsdlsoap:body use="literal"/></wsdl:input>\n      <wsdl:output><wsdlsoap:body use="literal"/></wsdl:output>\n      <wsdl:fault name="WebBaseException"><wsdlsoap:fault name="WebBaseException" use="literal"/></wsdl:fault>\n    </wsdl:operation>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:wsdlsoap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${service.namespace}" targetNamespace="${service.namespace}">
  <wsdl:types>
    <xsd:schema targetNamespace="${service.namespace}" elementFormDefault="qualified">
${complexTypes}
${wrappers}
      <xsd:element name="fault" type="tns:WebBaseException"/>
    </xsd:schema>
  </wsdl:types>
${messages}
  <wsdl:message name="WebBaseException">
    <wsdl:part name="fault" element="tns:fault"/>
  </wsdl:message>
  <wsdl:portType name="${service.name}ServiceInterface">
${portOps}
  </wsdl:portType>
  <wsdl:binding name="${service.name}SoapBinding" type="tns:${service.name}ServiceInterface">
    <wsdlsoap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${bindingOps}
  </wsdl:binding>
  <wsdl:service name="${service.name}ServiceInterfaceService">
    <wsdl:port name="${service.name}" binding="tns:${service.name}SoapBinding">
      <wsdlsoap:address location="${escapeXml(location)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'item',
});

/** A request body as plain objects: strings for leaves, arrays for `item`. */
export type SoapValue = string | SoapObject | SoapValue[];
export interface SoapObject {
  [key: string]: SoapValue | undefined;
}

export class SoapRequestError extends Error {}

/** The operation named by the body's first element, and its parameters. */
export function parseRequest(xml: string): { operation: string; params: SoapObject } {
  let doc: any;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw new SoapRequestError(`XML illisible : ${(err as Error).message}`);
  }
  const body = doc?.Envelope?.Body;
  if (!body || typeof body !== 'object') throw new SoapRequestError('Enveloppe SOAP sans Body');
  const operation = Object.keys(body)[0];
  if (!operation) throw new SoapRequestError('Body SOAP vide');
  const params = body[operation];
  return { operation, params: params && typeof params === 'object' ? (params as SoapObject) : {} };
}

function serialize(value: unknown, type: string, service: ServiceDef): string {
  if (SIMPLE_TYPES.has(type)) return escapeXml(String(value));
  const fields = service.types[type];
  if (!fields) throw new Error(`type ${type} inconnu du service ${service.name}`);
  const obj = value as Record<string, unknown>;
  return fields
    .map(([name, fieldType, many]) => {
      const v = obj[name];
      if (v === null || v === undefined) return '';
      const items = many ? (v as unknown[]) : [v];
      return items.map((item) => `<${name}>${serialize(item, fieldType, service)}</${name}>`).join('');
    })
    .join('');
}

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV}"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/** The response envelope of an operation, its return values laid out as the WSDL says. */
export function responseXml(service: ServiceDef, operation: string, result: Record<string, unknown>): string {
  const op = service.operations.find((o) => o.name === operation)!;
  const wrapperType = `${operation}Response`;
  const body = serialize(result, wrapperType, { ...service, types: { ...service.types, [wrapperType]: op.output } });
  return envelope(`<${wrapperType} xmlns="${service.namespace}">${body}</${wrapperType}>`);
}

/** A WebBaseException fault, as Apogée's Axis services send it (message in faultstring and detail). */
export function faultXml(service: ServiceDef, message: string, opts: { nature?: string; element?: string; lastErrorMsg?: string } = {}): string {
  const detail = serialize(
    {
      domaine: message.split('.')[0],
      element: opts.element ?? null,
      messages: { item: [message] },
      nature: opts.nature ?? (message.startsWith('technical') ? 'technical' : 'business'),
      type: 'WebBaseException',
      lastErrorMsg: opts.lastErrorMsg ?? message,
    },
    'WebBaseException',
    service,
  );
  return envelope(
    `<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>${escapeXml(message)}</faultstring><detail><fault xmlns="${service.namespace}">${detail}</fault></detail></soapenv:Fault>`,
  );
}
